import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/run-cli';

/**
 * The data rule, kept out of the training code itself: the training code (models/training, its tests and the
 * recipe script) may read the real photos of the training pool only. The other real photos and the outside
 * renderer's development set are for measuring, so no training file may name them.
 */
const MEASURING = ['real-photos', 'brighton-beach', 'coastal-aerial/', 'noaa-nadir', 'drain-canal', 'eval-scenes'];

const trainingFiles = (): string[] => [
  ...fs.readdirSync(path.join(ROOT, 'models/training'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.py'))
    .map((f) => path.join('models/training', f)),
  'scripts/train-default-model.sh',
];

describe('training code and the measuring sets', () => {
  it('finds the training code', () => {
    expect(trainingFiles()).toEqual(expect.arrayContaining(['models/training/train.py', 'models/training/composite/pool.py']));
  });

  it.each(trainingFiles())('%s names no measuring set', (file) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect(MEASURING.filter((m) => text.includes(m))).toEqual([]);
  });
});
