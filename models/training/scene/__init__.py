"""Outfall Scout synthetic drone-photo generator.

A deterministic (seeded) world generator (ground raster in a local ENU frame around a real lon/lat on a
river in Hubei) with pollution discharges (dye plumes), and a pinhole camera renderer that ray-casts each
photo pixel onto the flat ground, using DJI gimbal conventions. ``make_samples`` writes the repository's
``samples/`` folder (DJI-like JPEGs with EXIF/GPS and drone-dji XMP, plus ``truth.json``).
"""

GENERATOR = "outfall-scout/models/training/scene 1.0"
