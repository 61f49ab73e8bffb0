import { TABLE_LABEL, type SectionId, type TableId } from '@nianbao/model';
import { defineRule } from '../rule';
import { rowLabel, sectionName } from '../helpers';

export default defineRule({
  meta: {
    id: 'extract.uncertain',
    category: 'accuracy',
    severity: 'info',
    description: '统计表部分行的数字读取不确定，需人工核对原文',
    docs:
      '从PDF等版式文件读取统计表时，若某行数字无法确定归属（标签折行、缺字或合并单元格使两种读法同样说得通，或一行数字找不到对应的行），' +
      '或者扫描件的数字识别把握不足，系统不作猜测：列出这些行，请审查人员对照原文核对；扫描件中未读出“一、”至“六、”序号或未找到的部分标题同样列出。这是读取上的提示，不是报告的问题，不扣分；' +
      '这些行涉及的空白、缺行和勾稽关系问题在核对前也不作为报告的问题提出，以免误读变成对机关的错误指摘。',
    messages: {
      uncertain: '{table}{where}的数字读取不确定，请人工核对原文',
      sections: '{sections}的标题由扫描图片识别，序号或标题可能未读出，请人工核对原文',
    },
  },
  check(ctx) {
    for (const [table, reading] of Object.entries(ctx.parsed.reading ?? {})) {
      if (reading.confidence !== 'low') continue;
      if (table === 'sections') {
        const sections = (reading.doubtfulRows as SectionId[]).map(sectionName).join('、');
        ctx.report({ messageId: 'sections', data: { sections }, cells: [], key: table });
        continue;
      }
      const rows = reading.doubtfulRows.map((r) => `“${rowLabel(ctx.version, r)}”`);
      const where = rows.length ? `${rows.join('、')}${rows.length > 1 ? '等行' : '行'}` : '部分行';
      ctx.report({
        messageId: 'uncertain',
        data: { table: TABLE_LABEL[table as TableId] ?? table, where },
        cells: [],
        key: table,
      });
    }
  },
});
