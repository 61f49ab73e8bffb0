const REPORT = '(?:政府信息公开|政务公开|信息公开)';
const AGENCY = '([\\u4e00-\\u9fa5（）()]{2,40}?)';
const YEAR = '((?:19|20)\\d{2})\\s*年度?';
/** 「沭阳县发展和改革局2023年政府信息公开年度报告」 */
const AGENCY_FIRST = new RegExp(`${AGENCY}[\\s_\\-—]*${YEAR}\\s*${REPORT}`);
/** 「2019年南开区文化和旅游局政务公开工作年度报告」 */
const YEAR_FIRST = new RegExp(`${YEAR}[\\s_\\-—]*${AGENCY}\\s*${REPORT}`);
const YEAR_ONLY = new RegExp(YEAR);

/** Prefixes that are not part of the name: 「关于」, 「附件1」, 「（公示）」. */
const cleanAgency = (s: string) =>
  s.replace(/^(?:关于|附件[0-9一二三四五六七八九十]*)/, '').replace(/^[（(][^）)]*[）)]/, '');
/** A fragment of 「（年度）政府信息公开」 is not a name (「2019年度政府信息公开工作年度报告」). */
const isAgency = (s: string) => s.length >= 3 && !/^(?:度|年度|政府|政务|信息|本|我)/.test(s);

/**
 * What a report's file name says about it, for when its text does not: the agency and the year, as
 * in 「沭阳县发展和改革局2023年政府信息公开年度报告.html」. A year counts only when written 「2023年」.
 */
export function metaFromFileName(name: string): { agency?: string; year?: number } {
  const base = name
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/^.*[/\\]/, '')
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .replace(/[【[].*?[】\]]/g, '');
  const a = base.match(AGENCY_FIRST);
  const y = base.match(YEAR_FIRST);
  const [written, year] = a ? [a[1]!, a[2]!] : y ? [y[2]!, y[1]!] : ['', base.match(YEAR_ONLY)?.[1]];
  const agency = cleanAgency(written);
  return { ...(isAgency(agency) ? { agency } : {}), ...(year ? { year: Number(year) } : {}) };
}
