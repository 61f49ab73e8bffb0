import { describe, expect, it } from 'vitest';
import { figureClassesOf, figureReading } from './engine';

describe('figureReading: a figure decoded with figures only', () => {
  // a dictionary of CTC's blank and three characters; each step's probabilities, one class sure
  const dictionary = ['', '-', '.', '6'];
  const figure = figureClassesOf(dictionary);
  const read = (steps: [number, number][]) => {
    const probs = new Float32Array(steps.length * dictionary.length);
    steps.forEach(([c, p], t) => {
      probs[t * dictionary.length + c] = p;
      probs[t * dictionary.length + (c === 0 ? 1 : 0)] = 1 - p;
    });
    return figureReading(probs, steps.length, dictionary.length, figure);
  };

  it('drops a minus and a point before the digits (specks before a 6), keeping their doubt', () => {
    expect(read([[1, 0.6], [0, 1], [2, 0.7], [3, 0.99]])).toEqual({ text: '6', confidence: expect.closeTo(0.6, 5) });
  });

  it('keeps a minus before a digit, drops a stroke after the figure', () => {
    expect(read([[1, 0.95], [3, 0.99], [1, 0.9]]).text).toBe('-6');
  });
});
