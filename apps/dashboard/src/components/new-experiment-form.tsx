'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useMemo, useState } from 'react';

import { fieldErrorsFrom } from '~/lib/field-errors';
import { formatJson } from '~/lib/format-json';
import { fieldKind, type JsonSchema } from '~/lib/json-schema';
import { parseSeeds, parseSweepValues, sweepRunCount } from '~/lib/sweep-grid';
import { isSyntheticData } from '~/lib/synthetic';
import { useTRPC } from '~/trpc/react';
import type { AlgorithmView, DatasetRow } from '~/trpc/types';

import { DatasetLabel } from './dataset-label';
import { HyperFields, initialRaw, parseRaw, type RawValues } from './hyper-fields';

const EXAMPLE_DATA = 'example';

type SpecDataset = Record<string, unknown> & { kind?: string };

/** A registered data set as the spec's `dataset`: its kind plus the sources it was registered with. */
function datasetSpec(dataset: DatasetRow): SpecDataset {
  return { kind: dataset.kind, ...(dataset.files as Record<string, unknown>) };
}

/** Whether the algorithm reads this registered data set's kind. */
const reads = (algorithm: AlgorithmView, dataset: DatasetRow) => (algorithm.datasetKinds as readonly string[]).includes(dataset.kind);

function exampleDataset(algorithm: AlgorithmView): SpecDataset {
  return ((algorithm.exampleSpec as { dataset?: SpecDataset }).dataset ?? {}) as SpecDataset;
}

/** Initial form state for an algorithm: its example spec's values over the schema defaults. */
function initialState(algorithm: AlgorithmView, datasets: DatasetRow[]) {
  const schema = algorithm.hyperJsonSchema as JsonSchema;
  const exampleHyper = ((algorithm.exampleSpec as { hyper?: Record<string, unknown> }).hyper ?? {}) as Record<string, unknown>;
  const hyper: RawValues = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) hyper[key] = initialRaw(property, exampleHyper[key]);
  // Prefer a registered data set of the example's kind, e.g. the generated demo set on a fresh machine.
  const kind = exampleDataset(algorithm).kind;
  const registered = datasets.find((d) => d.kind === kind) ?? datasets.find((d) => reads(algorithm, d));
  const example = algorithm.exampleSpec as { name?: string; seed?: number };
  return {
    name: example.name ?? algorithm.name,
    data: registered ? registered.id : EXAMPLE_DATA,
    hyper,
    seed: String(example.seed ?? 0),
    /** Sweep values per hyperparameter as typed ("0.01, 0.001"), and the seeds ("0, 1, 2" or "0-4"). */
    sweep: {} as Record<string, string>,
    seeds: '',
  };
}

/** Hyperparameters a grid can sweep: scalars (numbers, text, choices, switches). */
const sweepable = (schema: JsonSchema) => fieldKind(schema) !== 'json';

export function NewExperimentForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const algorithms = useQuery(trpc.algorithms.list.queryOptions());
  const datasets = useQuery(trpc.datasets.list.queryOptions());
  if (algorithms.error || datasets.error) {
    return <div className="error-box">{(algorithms.error ?? datasets.error)?.message}</div>;
  }
  if (!algorithms.data || !datasets.data) return <div className="card empty">Loading the algorithm registry…</div>;
  if (algorithms.data.length === 0) return <div className="card empty">The algorithm registry is empty.</div>;
  return <Form algorithms={algorithms.data} datasets={datasets.data} onCreated={(id) => router.push(`/experiments/${id}`)} trpc={trpc} />;
}

function Form({
  algorithms,
  datasets,
  onCreated,
  trpc,
}: {
  algorithms: AlgorithmView[];
  datasets: DatasetRow[];
  onCreated: (id: string) => void;
  trpc: ReturnType<typeof useTRPC>;
}) {
  const [algorithmName, setAlgorithmName] = useState(algorithms[0]!.name);
  const algorithm = algorithms.find((a) => a.name === algorithmName) ?? algorithms[0]!;
  const [state, setState] = useState(() => initialState(algorithm, datasets));
  const [jsonMode, setJsonMode] = useState(false);
  const [jsonText, setJsonText] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const create = useMutation(trpc.experiments.create.mutationOptions({ onSuccess: (experiment) => onCreated(experiment.id) }));

  const schema = algorithm.hyperJsonSchema as JsonSchema;
  const usable = datasets.filter((d) => reads(algorithm, d));
  const chosenDataset = usable.find((d) => d.id === state.data);

  const spec = useMemo(() => {
    const hyper: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      const value = parseRaw(property, state.hyper[key] ?? '');
      if (value !== undefined) hyper[key] = value;
    }
    const { sweep: _sweep, ...example } = algorithm.exampleSpec as Record<string, unknown>;
    const seed = Number(state.seed);
    const grid: Record<string, unknown[]> = {};
    for (const [key, text] of Object.entries(state.sweep)) {
      const property = schema.properties?.[key];
      const values = property ? parseSweepValues(text, ['number', 'integer'].includes(fieldKind(property))) : [];
      if (values.length > 0) grid[key] = values;
    }
    const { seeds } = parseSeeds(state.seeds);
    const sweep = Object.keys(grid).length > 0 || seeds.length > 0 ? { grid, ...(seeds.length > 0 ? { seeds } : {}) } : undefined;
    return {
      ...example,
      name: state.name,
      algorithm: algorithm.name,
      dataset: chosenDataset ? datasetSpec(chosenDataset) : exampleDataset(algorithm),
      hyper,
      seed: state.seed.trim() === '' || Number.isNaN(seed) ? state.seed : seed,
      ...(sweep ? { sweep } : {}),
    };
  }, [algorithm, chosenDataset, schema, state]);
  const runCount = spec.sweep ? sweepRunCount(spec.sweep.grid, spec.sweep.seeds ?? []) : 1;
  const badSeeds = parseSeeds(state.seeds).invalid;

  const selectAlgorithm = (name: string) => {
    const next = algorithms.find((a) => a.name === name);
    if (!next) return;
    setAlgorithmName(name);
    setState(initialState(next, datasets));
    setJsonMode(false);
    create.reset();
  };

  const toggleJson = (on: boolean) => {
    if (on) setJsonText(formatJson(spec));
    setJsonMode(on);
    setLocalError(null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLocalError(null);
    let body: unknown = spec;
    if (jsonMode) {
      try {
        body = JSON.parse(jsonText);
      } catch (error) {
        setLocalError(`spec JSON: ${(error as Error).message}`);
        return;
      }
    }
    create.mutate({ spec: body, datasetId: !jsonMode && chosenDataset ? chosenDataset.id : undefined });
  };

  const serverError = create.error?.message ?? null;
  const fieldErrors = serverError && !jsonMode ? fieldErrorsFrom(serverError) : {};
  const errorText = localError ?? serverError;

  return (
    <form className="form-layout" onSubmit={submit} data-testid="new-experiment-form">
      <div className="card">
        <fieldset disabled={jsonMode}>
          <legend>Experiment</legend>
          <div className="field">
            <label htmlFor="algorithm">Algorithm</label>
            <select id="algorithm" data-testid="algorithm-select" value={algorithm.name} onChange={(e) => selectAlgorithm(e.target.value)}>
              {algorithms.map((a) => (
                <option key={a.name} value={a.name}>
                  {a.title} ({a.name})
                </option>
              ))}
            </select>
            <span className="hint">
              {algorithm.description} · task {algorithm.task}
            </span>
          </div>
          <div className="field">
            <label htmlFor="name">Name</label>
            <input
              id="name"
              type="text"
              data-testid="experiment-name-input"
              value={state.name}
              onChange={(e) => setState({ ...state, name: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="dataset">Data set</label>
            <select id="dataset" data-testid="dataset-select" value={state.data} onChange={(e) => setState({ ...state, data: e.target.value })}>
              <option value={EXAMPLE_DATA}>
                The example's data · {exampleDataset(algorithm).kind ?? 'unknown kind'}
                {isSyntheticData({ kind: exampleDataset(algorithm).kind }) ? ' (synthetic)' : ''}
              </option>
              {usable.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} · {d.kind}
                  {isSyntheticData(d) ? ' (synthetic)' : ''}
                </option>
              ))}
            </select>
            <span className="hint">
              <DatasetLabel
                name={chosenDataset?.name ?? 'example spec files'}
                kind={chosenDataset?.kind ?? exampleDataset(algorithm).kind}
                synthetic={chosenDataset?.synthetic}
              />
            </span>
          </div>
          <div className="field">
            <label htmlFor="seed">Seed</label>
            <input id="seed" type="number" step={1} min={0} data-testid="seed-input" value={state.seed} onChange={(e) => setState({ ...state, seed: e.target.value })} />
          </div>
        </fieldset>
        <fieldset disabled={jsonMode}>
          <legend>Hyperparameters</legend>
          <HyperFields
            schema={schema}
            values={state.hyper}
            errors={fieldErrors}
            onChange={(key, value) => setState({ ...state, hyper: { ...state.hyper, [key]: value } })}
          />
        </fieldset>
        <fieldset disabled={jsonMode} data-testid="sweep-editor">
          <legend>Sweep</legend>
          <p className="hint muted">
            Comma-separated values make a grid: one run per combination, and per seed. Leave a field empty to keep its value above.
          </p>
          <div className="hyper-grid">
            {Object.entries(schema.properties ?? {})
              .filter(([, property]) => sweepable(property))
              .map(([key]) => (
                <div key={key} className="field">
                  <label htmlFor={`sweep-${key}`}>{key}</label>
                  <input
                    id={`sweep-${key}`}
                    type="text"
                    data-testid={`sweep-${key}`}
                    placeholder="e.g. 1, 2, 4"
                    value={state.sweep[key] ?? ''}
                    onChange={(e) => setState({ ...state, sweep: { ...state.sweep, [key]: e.target.value } })}
                  />
                </div>
              ))}
            <div className={`field${badSeeds.length > 0 ? ' invalid' : ''}`}>
              <label htmlFor="sweep-seeds">seeds</label>
              <input
                id="sweep-seeds"
                type="text"
                data-testid="sweep-seeds"
                placeholder="e.g. 0, 1, 2 or 0-4"
                value={state.seeds}
                onChange={(e) => setState({ ...state, seeds: e.target.value })}
              />
              {badSeeds.length > 0 && <span className="field-error">not a seed: {badSeeds.join(', ')}</span>}
            </div>
          </div>
          <div className="sweep-count" data-testid="sweep-count" data-count={runCount}>
            This launches <strong>{runCount}</strong> run{runCount === 1 ? '' : 's'}.
          </div>
        </fieldset>
        {errorText && (
          <div className="error-box" data-testid="form-error" role="alert">
            {errorText}
          </div>
        )}
        <div className="form-footer">
          <button type="submit" className="btn primary" data-testid="submit-experiment" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : runCount > 1 ? `Create and launch ${runCount} runs` : 'Create and launch'}
          </button>
          <span className="muted">Runs are queued and picked up by a worker.</span>
        </div>
      </div>
      <div className="card">
        <div className="card-title">
          <h2>Spec</h2>
          <label className="toggle">
            <input type="checkbox" data-testid="json-mode" checked={jsonMode} onChange={(e) => toggleJson(e.target.checked)} />
            Edit as JSON
          </label>
        </div>
        <textarea
          className="json"
          data-testid="spec-json"
          spellCheck={false}
          readOnly={!jsonMode}
          value={jsonMode ? jsonText : formatJson(spec)}
          onChange={(e) => setJsonText(e.target.value)}
        />
      </div>
    </form>
  );
}
