import type { BrownConrady } from './camera-intrinsics.types';

/**
 * Common drone cameras, keyed the way EXIF names them (Make + Model), hand-written from public specifications.
 *
 * - Sensor width/height: the imaged area of the native photo, in mm. Public "type" sizes (1/2.3" = 6.17 mm,
 *   1" = 13.2 mm, 4/3 = 17.3 mm) are nominal; where a calibrated effective width is known it is used instead and
 *   `source` says so. Thermal cores: pixel pitch × pixels (FLIR Tau 2: 17 µm, DJI/Boson-class: 12 µm).
 * - Calibrated widths and distortion marked 'DroneModels' are individual facts carried over from
 *   Theta-Limited/DroneModels (Apache-2.0, https://github.com/Theta-Limited/DroneModels), in OpenCV order
 *   (k1, k2, k3 radial; p1, p2 tangential) on normalised coordinates. test/unit/metadata-camera-table.test.ts
 *   checks every shared camera against that file (sensor width within 2 %).
 * - `focalMm`: the nominal focal length, where the lens is fixed; null for zoom or interchangeable lenses.
 * - Keys follow DroneModels (make lower-case + model upper-case), with ':thermal' / ':wide' / ':zoom' for the
 *   second camera of a payload that writes the same Make/Model for both (matched by image width).
 */
export interface CameraSpec {
  readonly key: string;
  readonly label: string;
  readonly makes: readonly string[];
  /** EXIF Model values; with `modelPrefix` the EXIF Model only has to start with one (lens in the name). */
  readonly models: readonly string[];
  readonly modelPrefix: boolean;
  readonly thermal: boolean;
  readonly sensorWidthMm: number;
  readonly sensorHeightMm: number;
  readonly nativeWidth: number;
  readonly nativeHeight: number;
  readonly focalMm: number | null;
  readonly distortion: BrownConrady | null;
  readonly source: string;
}

type Opts = Partial<Pick<CameraSpec, 'focalMm' | 'distortion' | 'thermal' | 'modelPrefix' | 'source'>>;

function cam(key: string, label: string, makes: string[], models: string[], sensor: [number, number], native: [number, number], o: Opts = {}): CameraSpec {
  return {
    key, label, makes, models,
    modelPrefix: o.modelPrefix ?? false,
    thermal: o.thermal ?? false,
    sensorWidthMm: sensor[0], sensorHeightMm: sensor[1], nativeWidth: native[0], nativeHeight: native[1],
    focalMm: o.focalMm ?? null,
    distortion: o.distortion ?? null,
    source: o.source ?? 'spec',
  };
}
const bc = (k1: number, k2: number, k3: number, p1: number, p2: number): BrownConrady => ({ k1, k2, k3, p1, p2 });
const DJI = ['DJI'];
const DM = 'spec; distortion: DroneModels';
const DMW = 'DroneModels calibrated width (nominal type size differs by more than 2 %); distortion: DroneModels';
/** 1/2.3" Sony sensors cropped to 4000 px: 1.55 µm × 4000 = 6.20 mm (agrees with DJI's 94° diagonal FOV at 3.61 mm). */
const P3: [number, number] = [6.2, 4.65];
const TAU2_640: [number, number] = [10.88, 8.704];
const TAU2_336: [number, number] = [5.712, 4.352];
const CORE12_640: [number, number] = [7.68, 6.144];

export const CAMERA_TABLE: readonly CameraSpec[] = [
  cam('djiFC300S', 'DJI Phantom 3 Advanced/Professional', DJI, ['FC300S'], P3, [4000, 3000], { focalMm: 3.61, distortion: bc(-0.132438, 0.111056, -0.0158256, 0.00011023, 0.000114239), source: DM }),
  cam('djiFC300X', 'DJI Phantom 3 4K', DJI, ['FC300X', 'FC300XW'], P3, [4000, 3000], { focalMm: 3.61, distortion: bc(-0.014393, 0.0125235, -0.000022309, 0.00127711, 0.000421167), source: DM }),
  cam('djiFC300C', 'DJI Phantom 3 Standard', DJI, ['FC300C'], P3, [4000, 3000], { focalMm: 3.61 }),
  cam('djiFC350', 'DJI Inspire 1 (Zenmuse X3)', DJI, ['FC350'], P3, [4000, 3000], { focalMm: 3.61 }),
  cam('djiFC330', 'DJI Phantom 4', DJI, ['FC330'], P3, [4000, 3000], { focalMm: 3.61, distortion: bc(-0.00135883, -0.00160514, 0.000342187, -0.000909776, -0.00113887), source: DM }),
  cam('djiFC6310', 'DJI Phantom 4 Pro/Advanced/RTK', DJI, ['FC6310', 'FC6310S', 'FC6310R'], [12.833, 8.556], [5472, 3648], { focalMm: 8.8, distortion: bc(0.00298599, -0.00769116, 0.0079115, -0.000129713, 0.000221193), source: DMW }),
  cam('djiFC220', 'DJI Mavic Pro', DJI, ['FC220'], [6.3, 4.725], [4000, 3000], { focalMm: 4.73, distortion: bc(0.032984, -0.0855974, 0.0777778, 0.000409773, -0.000806846), source: 'width from the stated 26 mm equivalent of 4.73 mm; distortion: DroneModels' }),
  cam('djiFC230', 'DJI Mavic Air', DJI, ['FC230'], [6.17, 4.55], [4056, 3040], { focalMm: 4.5 }),
  cam('djiFC1102', 'DJI Spark', DJI, ['FC1102'], [6.17, 4.55], [3968, 2976], { focalMm: 4.5, distortion: bc(0.117234, -0.297963, 0.14229, 0.000512268, -0.000285157), source: DM }),
  cam('djiFC7303', 'DJI Mini 2', DJI, ['FC7303'], [6.17, 4.55], [4000, 3000], { focalMm: 4.49 }),
  cam('djiFC3582', 'DJI Mini 3 Pro', DJI, ['FC3582'], [9.6, 7.2], [4032, 3024], { focalMm: 6.72, distortion: bc(0.114165, -0.262304, 0.229065, -0.00460161, 0.00262925), source: DM }),
  cam('djiFC3411', 'DJI Air 2S', DJI, ['FC3411'], [13.2, 8.8], [5472, 3648], { focalMm: 8.38, distortion: bc(-0.0721472, 0.0430563, 0.0272348, 0.000468622, 0.000259118), source: DM }),
  cam('hasselbladL1D-20C', 'DJI Mavic 2 Pro (Hasselblad L1D-20c)', ['Hasselblad', 'DJI'], ['L1D-20c'], [12.825, 8.55], [5472, 3648], { focalMm: 10.26, distortion: bc(0.00874622, 0.0404995, -0.0496908, -0.00341694, 0.00219427), source: DMW }),
  cam('hasselbladL2D-20C', 'DJI Mavic 3 (Hasselblad L2D-20c)', ['Hasselblad', 'DJI'], ['L2D-20c'], [16.726, 12.498], [5280, 3956], { focalMm: 12.29, distortion: bc(0.0776798, -0.20964, 0.30978, -0.00563169, -0.00405099), source: DMW }),
  cam('djiM3E', 'DJI Mavic 3 Enterprise (wide)', ['DJI', 'Hasselblad'], ['M3E'], [17.3, 13.0], [5280, 3956], { focalMm: 12.29, distortion: bc(-0.111398, 0.0122439, -0.0269388, -0.000204996, -0.000119487), source: DM }),
  cam('djiM3T', 'DJI Mavic 3 Thermal (wide)', DJI, ['M3T'], [6.4, 4.8], [8000, 6000], { focalMm: 4.4, distortion: bc(0.189023, -0.45647, 0.244984, 0.000203758, -0.000163233), source: DM }),
  cam('djiM3T:thermal', 'DJI Mavic 3 Thermal (thermal, 12 µm)', DJI, ['M3T'], CORE12_640, [640, 512], { thermal: true, focalMm: 9.1 }),
  cam('djiM2EA', 'DJI Mavic 2 Enterprise Advanced (visible)', DJI, ['M2EA', 'MAVIC2-ENTERPRISE-ADVANCED'], [6.4, 4.8], [8000, 6000], { distortion: bc(-0.0072166, -0.00637467, -0.0229787, -0.000405218, -0.00116963), source: DM }),
  cam('djiM2EA:thermal', 'DJI Mavic 2 Enterprise Advanced (thermal, 12 µm)', DJI, ['M2EA', 'MAVIC2-ENTERPRISE-ADVANCED'], CORE12_640, [640, 512], { thermal: true, focalMm: 9.1 }),
  cam('djiFC6510', 'DJI Zenmuse X4S', DJI, ['FC6510'], [12.809, 8.582], [5472, 3648], { focalMm: 8.8, distortion: bc(0.00337736, -0.0107165, 0.0106237, 0.000668314, 0.000920046), source: DMW }),
  cam('djiFC6520', 'DJI Zenmuse X5S', DJI, ['FC6520'], [17.886, 13.401], [5280, 3956], { distortion: bc(-0.00440812, -0.0433311, 0.0866566, -0.0027366, 0.00392769), source: DMW }),
  cam('djiFC6540', 'DJI Zenmuse X7', DJI, ['FC6540'], [23.5, 15.7], [6016, 4008], { distortion: bc(0.00785336, -0.0727459, 0.123527, 0.00122, -0.000084169), source: DM }),
  cam('djiFC550', 'DJI Zenmuse X5', DJI, ['FC550', 'FC550R', 'FC550RAW'], [17.3, 13.0], [4608, 3456], { distortion: bc(0.00206796, 0.00557543, -0.00764313, -0.00110653, 0.00351155), source: DM }),
  cam('djiZENMUSEP1', 'DJI Zenmuse P1 (full frame)', DJI, ['ZenmuseP1', 'ZP1'], [34.825, 23.475], [8192, 5460], { distortion: bc(-0.155312, 0.0408227, -0.0161404, 0.000770338, -0.000036238), source: DMW }),
  cam('djiZH20:zoom', 'DJI Zenmuse H20 (zoom, 1/1.7")', DJI, ['ZH20', 'ZENMUSEH20'], [7.53, 5.64], [5184, 3888]),
  cam('djiZH20:wide', 'DJI Zenmuse H20 (wide, 1/2.3")', DJI, ['ZH20', 'ZENMUSEH20', 'ZH20W', 'ZENMUSEH20W'], [6.17, 4.55], [4056, 3040], { focalMm: 4.5 }),
  cam('djiZH20T:thermal', 'DJI Zenmuse H20T (thermal, 12 µm)', DJI, ['ZH20T', 'ZENMUSEH20T'], CORE12_640, [640, 512], { thermal: true, focalMm: 13.5 }),
  cam('djiFLIR', 'DJI Zenmuse XT (FLIR Tau 2 640, 17 µm)', DJI, ['FLIR', 'XT', 'ZenmuseXT'], TAU2_640, [640, 512], { thermal: true }),
  cam('djiFLIR:336', 'DJI Zenmuse XT (FLIR Tau 2 336, 17 µm)', DJI, ['FLIR', 'XT', 'ZenmuseXT'], TAU2_336, [336, 256], { thermal: true }),
  cam('djiXT2:thermal', 'DJI Zenmuse XT2 (FLIR Tau 2 640, 17 µm)', DJI, ['XT2', 'ZenmuseXT2'], TAU2_640, [640, 512], { thermal: true }),
  cam('djiXT2', 'DJI Zenmuse XT2 (visible, 1/1.7")', DJI, ['XT2', 'ZenmuseXT2'], [7.44, 5.58], [4000, 3000], { focalMm: 8, distortion: bc(-0.460726, 0.319825, -0.177772, 0.00154232, -0.000266525), source: DM }),
  cam('autel roboticsXT701', 'Autel EVO II (8K, 1/2")', ['Autel Robotics', 'Autel'], ['XT701'], [6.4, 4.8], [8000, 6000], { distortion: bc(0.151681, -0.40451, 0.331358, -0.000133808, -0.000101442), source: DM }),
  cam('autel roboticsXT705', 'Autel EVO II Pro (6K, 1")', ['Autel Robotics', 'Autel'], ['XT705', 'XL705'], [12.75, 8.5], [5472, 3648], { distortion: bc(0.0665994, -0.211744, 0.246277, 0.00331114, 0.000732718), source: DMW }),
  cam('parrotANAFI', 'Parrot Anafi (Sony IMX230, 1.12 µm)', ['Parrot'], ['ANAFI', 'ANAFIUA', 'ANAFIUSA', 'ANAFI Thermal'], [5.99, 4.5], [5344, 4016], { distortion: bc(-0.261104, 0.0451192, 0.000905375, -0.000108933, 0.000412395), source: DM }),
  cam('parrotSEQUOIA', 'Parrot Sequoia (RGB; early firmware writes Model "Chlorophyll")', ['Parrot'], ['Sequoia', 'Chlorophyll'], [6.17, 4.63], [4608, 3456], { focalMm: 4.88 }),
  cam('parrotSEQUOIA:mono', 'Parrot Sequoia (multispectral bands, 3.75 µm)', ['Parrot'], ['Sequoia', 'Chlorophyll'], [4.8, 3.6], [1280, 960], { focalMm: 3.98 }),
  cam('skydio2', 'Skydio 2 / 2+ (Sony IMX577)', ['Skydio'], ['2', '2+', 'Skydio 2', 'Skydio 2+'], [6.17, 4.55], [4056, 3040], { distortion: bc(0.134437, -0.24607, 0.104529, -0.000175531, -0.000580392), source: DM }),
  cam('skydioX2', 'Skydio X2 (Sony IMX577)', ['Skydio'], ['X2'], [6.17, 4.55], [4056, 3040]),
  cam('flirVUEPRO640', 'FLIR Vue Pro / Vue Pro R 640 (17 µm)', ['FLIR', 'Teledyne FLIR'], ['Vue Pro 640', 'Vue Pro R 640'], TAU2_640, [640, 512], { thermal: true, modelPrefix: true }),
  cam('flirVUEPRO336', 'FLIR Vue Pro / Vue Pro R 336 (17 µm)', ['FLIR', 'Teledyne FLIR'], ['Vue Pro 336', 'Vue Pro R 336'], TAU2_336, [336, 256], { thermal: true, modelPrefix: true }),
  cam('micasenseREDEDGE-MX', 'MicaSense RedEdge-M / MX (3.75 µm)', ['MicaSense'], ['RedEdge-M', 'RedEdge-MX', 'RedEdge'], [4.8, 3.6], [1280, 960], { focalMm: 5.4 }),
  cam('yuneecE90', 'Yuneec E90 (1")', ['Yuneec'], ['E90'], [13.2, 8.8], [5472, 3648]),
];
