import * as tf from '@tensorflow/tfjs';

/**
 * A variable initialised from `initial`, which is then freed: tf.variable shares the initial
 * tensor's storage but leaves the tensor itself registered, one leaked tensor per variable otherwise.
 */
export function ownedVariable<R extends tf.Rank>(initial: tf.Tensor<R>, trainable = true, name?: string): tf.Variable<R> {
  const variable = tf.variable(initial, trainable, name);
  initial.dispose();
  return variable;
}
