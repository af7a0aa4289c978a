import { expect, test } from 'vitest';

import { fieldErrorsFrom } from './field-errors';

test('maps each hyperparameter named in a spec error to its problem', () => {
  const message = 'spec: hyper.learningRate: Too big: expected number to be <=1; hyper.epochs: expected int, received number';
  expect(fieldErrorsFrom(message)).toEqual({
    learningRate: 'Too big: expected number to be <=1',
    epochs: 'expected int, received number',
  });
  expect(fieldErrorsFrom('spec: hyper.taskWeights.foo: not a task of census')).toEqual({ taskWeights: 'not a task of census' });
  expect(fieldErrorsFrom('spec: dataset.kind: algorithm mmoe reads census')).toEqual({});
});
