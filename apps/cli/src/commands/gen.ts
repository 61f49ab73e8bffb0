/**
 * `gen --out DIR --agencies N --years Y --seed S [--formats text,html,docx] [--province 36]
 *      [--clean] [--rate KIND=P ...] [--cells]`
 * Writes a synthetic province's reports (packages/generator) and manifest.json with the truth of each:
 * the audit rules its injected defects must trigger.
 */
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { commandArgs } from './_args';
import {
  DEFECT_KINDS,
  FORMATS,
  NO_DEFECTS,
  iterateProvince,
  manifestEntry,
  type DefectKind,
  type Format,
  type Rates,
} from '@nianbao/generator';

const USAGE =
  '用法: gen --out 目录 --agencies 机关数 --years 年数 --seed 种子 [--formats text,html,docx] [--province 省代码] [--clean] [--rate 缺陷=比率 …] [--cells]\n' +
  `缺陷: ${DEFECT_KINDS.join(' ')}`;

export async function run(argv: string[]): Promise<number> {
  const args = commandArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        agencies: { type: 'string', default: '20' },
        years: { type: 'string', default: '3' },
        seed: { type: 'string', default: '1' },
        formats: { type: 'string', default: FORMATS.join(',') },
        province: { type: 'string', default: '36' },
        clean: { type: 'boolean', default: false },
        rate: { type: 'string', multiple: true, default: [] },
        cells: { type: 'boolean', default: false },
      },
    }, USAGE);
  if (!args) return 2;
  const { values } = args;
  if (!values.out) {
    console.error(USAGE);
    return 2;
  }
  const formats = values.formats.split(',').map((f) => f.trim()) as Format[];
  const unknown = formats.filter((f) => !FORMATS.includes(f));
  if (unknown.length) {
    console.error(`参数错误：未知格式 ${unknown.join(',')}（可选 ${FORMATS.join(',')}）`);
    return 2;
  }
  const rates: Rates = values.clean ? { ...NO_DEFECTS } : {};
  for (const r of values.rate) {
    const [kind, p] = r.split('=');
    if (!DEFECT_KINDS.includes(kind as DefectKind) || !(Number(p) >= 0 && Number(p) <= 1)) {
      console.error(`参数错误：--rate ${r}（应为 缺陷=0到1之间的比率）\n${USAGE}`);
      return 2;
    }
    rates[kind as DefectKind] = Number(p);
  }
  const options = {
    seed: Number(values.seed),
    agencies: Number(values.agencies),
    years: Number(values.years),
    formats,
    rates,
    province: values.province,
  };
  let province;
  try {
    province = iterateProvince(options);
  } catch (e) {
    console.error(`生成失败：${(e as Error).message}`);
    return 2;
  }
  mkdirSync(values.out, { recursive: true });
  // the manifest is written as the reports come, so that a large province never sits in memory
  const manifest = createWriteStream(join(values.out, 'manifest.json'));
  const head = { seed: options.seed, province: province.province, years: province.years, formats, rates, agencies: province.agencies };
  manifest.write(JSON.stringify(head).slice(0, -1) + ',"reports":[\n');
  let n = 0;
  let defective = 0;
  for (const r of province.reports) {
    writeFileSync(join(values.out, r.fileName), r.bytes);
    manifest.write((n ? ',\n' : '') + JSON.stringify(manifestEntry(r, values.cells)));
    n++;
    if (r.truth.rules.length) defective++;
  }
  manifest.write('\n]}\n');
  await new Promise<void>((resolve, reject) => manifest.end((err?: Error | null) => (err ? reject(err) : resolve())));
  console.log(`已生成 ${n} 份报告（${province.agencies.length} 个机关 × ${province.years.length} 年，其中 ${defective} 份含缺陷）→ ${values.out}`);
  return 0;
}
