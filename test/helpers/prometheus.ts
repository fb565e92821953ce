import { request } from 'undici';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** GET /metrics of a gateway and its samples, parsed from Prometheus' text format. */
export async function scrape(graphqlUrl: string): Promise<{ status: number; contentType: string; text: string; samples: Sample[] }> {
  const response = await request(`${new URL(graphqlUrl).origin}/metrics`);
  const text = await response.body.text();
  if (response.statusCode !== 200) return { status: response.statusCode, contentType: '', text, samples: [] };
  const samples = text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`Not a Prometheus sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key!, value!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
  return { status: response.statusCode, contentType: String(response.headers['content-type']), text, samples };
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}
