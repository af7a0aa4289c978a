import * as tf from '@tensorflow/tfjs';
import { ownedVariable } from '../../owned-variable';
import type { Rng } from '../../rng';

export interface TimeLstmConfig {
  /** Item ids are 1..vocab - 1 (0 = padding); larger ids share the padding row. */
  vocab: number;
  embeddingDim: number;
  hidden: number;
  /** Feedback values per history step (K). */
  objectives: number;
  /** Time gates on (Time-LSTM); off, the gaps are ignored and the cell is a plain LSTM. */
  timeGates: boolean;
}

/** One request's history as tensors: items [B, T] (int32), log1p gaps [B, T], feedback [B, T, K], mask [B, T]. */
export interface HistoryTensors {
  items: tf.Tensor2D;
  logGaps: tf.Tensor2D;
  feedback: tf.Tensor3D;
  mask: tf.Tensor2D;
}

function glorot(rows: number, cols: number, rng: Rng, name?: string): tf.Variable {
  const limit = Math.sqrt(6 / (rows + cols));
  return ownedVariable(tf.tensor2d(Float32Array.from({ length: rows * cols }, () => (rng.next() * 2 - 1) * limit), [rows, cols]), true, name);
}

/**
 * Self-Attentive Time-LSTM (DeepPRL's state encoder). Step input x_t = [embedding(item_t);
 * feedback_t]. The cell is an LSTM whose input is additionally filtered by a time gate
 * T_t = sigmoid(x_t W_t + tanh(dt_t w_t) + b_t) (Time-LSTM, Zhu et al. 2017): c_t = f c_{t-1} + i T g,
 * so how long ago a step happened decides how much it writes to the memory. Padding steps leave the
 * state unchanged. Self-attention pooling then weighs the steps' hidden states:
 * a = softmax_t(v . tanh(W h_t + b)) over real steps, state = sum_t a_t h_t.
 */
export class TimeLstmEncoder {
  private readonly embedding: tf.Variable;
  private readonly inputKernel: tf.Variable;
  private readonly recurrentKernel: tf.Variable;
  private readonly bias: tf.Variable;
  private readonly timeInput: tf.Variable;
  private readonly timeGap: tf.Variable;
  private readonly timeBias: tf.Variable;
  private readonly attention: tf.Variable;
  private readonly attentionBias: tf.Variable;
  private readonly attentionQuery: tf.Variable;

  constructor(readonly config: TimeLstmConfig, rng: Rng) {
    const { vocab, embeddingDim: d, hidden: h, objectives: k } = config;
    const inputs = d + k;
    this.embedding = ownedVariable(tf.tensor2d(Float32Array.from({ length: vocab * d }, () => (rng.next() * 2 - 1) * 0.05), [vocab, d]));
    this.inputKernel = glorot(inputs, 4 * h, rng);
    this.recurrentKernel = glorot(h, 4 * h, rng);
    // Forget-gate bias 1 (gates i, f, g, o): remember by default.
    this.bias = ownedVariable(tf.tensor1d(Float32Array.from({ length: 4 * h }, (_, i) => (i >= h && i < 2 * h ? 1 : 0))));
    this.timeInput = glorot(inputs, h, rng);
    this.timeGap = ownedVariable(tf.tensor1d(Float32Array.from({ length: h }, () => rng.normal())));
    this.timeBias = ownedVariable(tf.zeros([h]));
    this.attention = glorot(h, h, rng);
    this.attentionBias = ownedVariable(tf.zeros([h]));
    this.attentionQuery = glorot(h, 1, rng);
  }

  get variables(): tf.Variable[] {
    const time = this.config.timeGates ? [this.timeInput, this.timeGap, this.timeBias] : [];
    return [this.embedding, this.inputKernel, this.recurrentKernel, this.bias, ...time, this.attention, this.attentionBias, this.attentionQuery];
  }

  /** Pooled state [B, hidden]. */
  encode(history: HistoryTensors): tf.Tensor2D {
    return tf.tidy(() => {
      const [b, t] = history.items.shape;
      const { embeddingDim: d, hidden: h, objectives: k } = this.config;
      const embedded = tf.gather(this.embedding, history.items.reshape([b * t])).reshape([b, t, d]);
      const x = tf.concat([embedded, history.feedback], 2).reshape([b * t, d + k]);
      const gatesIn = tf.unstack(x.matMul(this.inputKernel).reshape([b, t, 4 * h]), 1);
      const timeGates = this.config.timeGates
        ? tf.unstack(tf.sigmoid(x.matMul(this.timeInput).reshape([b, t, h]).add(tf.tanh(history.logGaps.expandDims(2).mul(this.timeGap))).add(this.timeBias)), 1)
        : undefined;
      const masks = tf.unstack(history.mask.expandDims(2), 1);
      let hState: tf.Tensor2D = tf.zeros([b, h]);
      let cState: tf.Tensor2D = tf.zeros([b, h]);
      const outputs: tf.Tensor2D[] = [];
      for (let step = 0; step < t; step++) {
        const z = gatesIn[step]!.add(hState.matMul(this.recurrentKernel)).add(this.bias);
        const [i, f, g, o] = tf.split(z, 4, 1) as tf.Tensor2D[];
        let write = tf.sigmoid(i!).mul(tf.tanh(g!));
        if (timeGates) write = write.mul(timeGates[step]!);
        const c = tf.sigmoid(f!).mul(cState).add(write);
        const hNew = tf.sigmoid(o!).mul(tf.tanh(c));
        const m = masks[step]!;
        const keep = tf.sub(1, m);
        cState = c.mul(m).add(cState.mul(keep)) as tf.Tensor2D;
        hState = hNew.mul(m).add(hState.mul(keep)) as tf.Tensor2D;
        outputs.push(hState);
      }
      const states = tf.stack(outputs, 1) as tf.Tensor3D;
      const scores = tf.tanh(states.reshape([b * t, h]).matMul(this.attention).add(this.attentionBias)).matMul(this.attentionQuery).reshape([b, t]);
      const weights = tf.softmax(scores.add(tf.sub(1, history.mask).mul(-1e9)));
      return weights.expandDims(2).mul(states).sum(1) as tf.Tensor2D;
    });
  }

  dispose(): void {
    tf.dispose([this.embedding, this.inputKernel, this.recurrentKernel, this.bias, this.timeInput, this.timeGap, this.timeBias, this.attention, this.attentionBias, this.attentionQuery]);
  }
}
