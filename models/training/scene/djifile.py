"""Write a JPEG the way a DJI drone does: EXIF (Make/Model/focal/date/GPS IFD) and a drone-dji XMP packet."""
from __future__ import annotations

import io
from fractions import Fraction

import numpy as np
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from . import geo

XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"


def _rat(x: float, den: int = 1000) -> IFDRational:
    f = Fraction(x).limit_denominator(den)
    return IFDRational(f.numerator, f.denominator)


def _dms(deg: float):
    deg = abs(deg)
    d = int(deg)
    m = int((deg - d) * 60)
    s = (deg - d - m / 60) * 3600
    return (IFDRational(d, 1), IFDRational(m, 1), IFDRational(int(round(s * 10000)), 10000))


def _signed(x: float) -> str:
    return f"{x:+.2f}"


def xmp_packet(cam: geo.Camera, meta: dict) -> bytes:
    date = meta["date"][:10]
    attrs = [
        ('xmp:ModifyDate', date), ('xmp:CreateDate', date),
        ('tiff:Make', cam.make), ('tiff:Model', cam.model), ('dc:format', 'image/jpeg'),
        ('drone-dji:AbsoluteAltitude', _signed(meta["absolute_altitude"])),
        ('drone-dji:RelativeAltitude', _signed(meta["relative_altitude"])),
        ('drone-dji:GimbalRollDegree', _signed(meta["gimbal"][2])),
        ('drone-dji:GimbalYawDegree', _signed(meta["gimbal"][0])),
        ('drone-dji:GimbalPitchDegree', _signed(meta["gimbal"][1])),
        ('drone-dji:FlightRollDegree', _signed(meta["flight"][2])),
        ('drone-dji:FlightYawDegree', _signed(meta["flight"][0])),
        ('drone-dji:FlightPitchDegree', _signed(meta["flight"][1])),
        ('crs:Version', '7.0'), ('crs:HasSettings', 'False'), ('crs:HasCrop', 'False'),
        ('crs:AlreadyApplied', 'False'),
    ]
    body = "\n".join(f'   {k}="{v}"' for k, v in attrs)
    xml = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="DJI Meta Data"\n'
        '    xmlns:tiff="http://ns.adobe.com/tiff/1.0/"\n'
        '    xmlns:exif="http://ns.adobe.com/exif/1.0/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"\n'
        '    xmlns:drone-dji="http://www.dji.com/drone-dji/1.0/"\n'
        f'{body}>\n'
        '  </rdf:Description>\n'
        ' </rdf:RDF>\n'
        '</x:xmpmeta>\n'
        + (" " * 100 + "\n") * 4 +
        '<?xpacket end="w"?>'
    )
    return XMP_HEADER + xml.encode("utf-8")


def exif_bytes(cam: geo.Camera, meta: dict) -> bytes:
    ex = Image.Exif()
    ex[0x010F] = cam.make
    ex[0x0110] = cam.model
    ex[0x0112] = 1                                   # Orientation
    ex[0x010E] = "default"                           # ImageDescription, as DJI writes it
    ex[0x011A] = IFDRational(72, 1)                  # XResolution
    ex[0x011B] = IFDRational(72, 1)                  # YResolution
    ex[0x0128] = 2                                   # ResolutionUnit: inch
    ex[0x0131] = "v01.09.1719"                       # Software, DJI-like
    ex[0x9C9C] = "Type=N, Mode=P, DE=None".encode("utf-16-le") + b"\0\0"          # XPComment
    ex[0x9C9E] = "v01.09.1719;1.3.0;v1.0.0".encode("utf-16-le") + b"\0\0"         # XPKeywords
    ex[0x0132] = meta["date"].replace("-", ":").replace("T", " ")
    exif_ifd = {
        0x9003: meta["date"].replace("-", ":").replace("T", " "),   # DateTimeOriginal
        0x9004: meta["date"].replace("-", ":").replace("T", " "),   # DateTimeDigitized
        0x920A: _rat(cam.focal_mm, 100),                            # FocalLength
        0xA405: int(cam.focal_35mm),                                # FocalLengthIn35mmFormat
        0xA002: int(cam.width),                                     # ExifImageWidth
        0xA003: int(cam.height),                                    # ExifImageHeight
        0x829A: _rat(1 / 800, 100000),                              # ExposureTime
        0x829D: _rat(5.6, 10),                                      # FNumber
        0x8827: 100,                                                # ISO
        0x8822: 2,                                                  # ExposureProgram: normal
        0x9000: b"0230",                                            # ExifVersion
        0x9101: b"\x01\x02\x03\x00",                                # ComponentsConfiguration
        0x9204: _rat(0.0),                                          # ExposureBiasValue
        0x9205: _rat(2.97, 100),                                    # MaxApertureValue
        0x9207: 2,                                                  # MeteringMode: center-weighted
        0x9208: 1,                                                  # LightSource: daylight
        0x9209: 32,                                                 # Flash: no flash function
        0xA000: b"0100",                                            # FlashpixVersion
        0xA001: 1,                                                  # ColorSpace: sRGB
        0xA300: b"\x03",                                            # FileSource: digital camera
        0xA401: 0,                                                  # CustomRendered
        0xA402: 0,                                                  # ExposureMode: auto
        0xA403: 0,                                                  # WhiteBalance: auto
        0xA404: _rat(1.0),                                          # DigitalZoomRatio
        0xA406: 0,                                                  # SceneCaptureType
        0xA408: 0,                                                  # Contrast
        0xA409: 0,                                                  # Saturation
        0xA40A: 0,                                                  # Sharpness
        0xA420: "f7a3c5e1d2b4968a0c1e3f5a7b9d2c4e",                 # ImageUniqueID
    }
    lat, lon = meta["lat"], meta["lon"]
    alt = meta["absolute_altitude"]
    gps_ifd = {
        0x0000: b"\x02\x03\x00\x00",                  # GPSVersionID 2.3.0.0
        0x0001: "N" if lat >= 0 else "S",
        0x0002: _dms(lat),
        0x0003: "E" if lon >= 0 else "W",
        0x0004: _dms(lon),
        0x0005: b"\x00" if alt >= 0 else b"\x01",     # GPSAltitudeRef: above sea level
        0x0006: _rat(abs(alt), 1000),
    }
    ex[0x8769] = exif_ifd
    ex[0x8825] = gps_ifd
    return ex.tobytes()


def _segments(jpeg: bytes):
    """(marker, start, end) of each segment before the scan."""
    assert jpeg[:2] == b"\xff\xd8"
    pos = 2
    while pos < len(jpeg) and jpeg[pos] == 0xFF and jpeg[pos + 1] not in (0xDA, 0xD9):
        end = pos + 2 + int.from_bytes(jpeg[pos + 2:pos + 4], "big")
        yield jpeg[pos + 1], pos, end
        pos = end


def _insert_after_exif(jpeg: bytes, segment_payload: bytes) -> bytes:
    """Drop the JFIF APP0 (DJI files have none) and insert an APP1 segment right after the EXIF APP1.

    exifr reads files in chunks (the first 512 bytes in Node) and skips a segment whose header is cut by
    the chunk end, so the EXIF written here is large enough (> 512 bytes, like a real DJI one, which also
    carries a MakerNote and a thumbnail) that the XMP segment starts beyond the first chunk."""
    out = bytearray(b"\xff\xd8")
    seg = b"\xff\xe1" + (len(segment_payload) + 2).to_bytes(2, "big") + segment_payload
    done = False
    last = 2
    for marker, start, end in _segments(jpeg):
        last = end
        if marker == 0xE0 and jpeg[start + 4:start + 9] == b"JFIF\x00":
            continue
        out += jpeg[start:end]
        if marker == 0xE1 and jpeg[start + 4:start + 10] == b"Exif\x00\x00" and not done:
            out += seg
            done = True
    if not done:
        out[2:2] = seg
    out += jpeg[last:]
    return bytes(out)


def xmp_offset(jpeg: bytes) -> int:
    for marker, start, _end in _segments(jpeg):
        if marker == 0xE1 and jpeg[start + 4:start + 4 + len(XMP_HEADER)] == XMP_HEADER:
            return start
    return -1


def encode(img: np.ndarray, cam: geo.Camera, meta: dict, quality: int = 85) -> bytes:
    """JPEG bytes with EXIF + drone-dji XMP. meta: date, lat, lon, absolute_altitude, relative_altitude,
    gimbal (yaw, pitch, roll), flight (yaw, pitch, roll)."""
    assert img.shape[1] == cam.width and img.shape[0] == cam.height
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "JPEG", quality=quality, exif=exif_bytes(cam, meta), subsampling=2,
                              optimize=True)
    return _insert_after_exif(buf.getvalue(), xmp_packet(cam, meta))
