import { defineRule } from '../rule';
import { contentLength, sectionBody } from '../helpers';

const TOPICS: [string, RegExp][] = [
  ['主动公开', /主动公开/],
  ['依申请公开', /依申请|公开申请|申请公开/],
  ['政府信息管理', /信息管理|公开属性|保密审查|发布审查|公开目录|公开指南|源头认定|政府信息.{0,4}管理/],
  ['政府信息公开平台建设', /平台|网站|新媒体|公众号|微信|微博|公报|政务服务网/],
  ['监督保障', /监督|保障|考核|考评|培训|评议|问责|责任追究|督查|检查/],
];

export default defineRule({
  meta: {
    id: 'narrative.overview-thin',
    category: 'completeness',
    severity: 'warning',
    description: '“总体情况”过于简略，或未涵盖格式要求的方面',
    docs:
      '国办公开办函〔2021〕30号印发的格式要求“总体情况”概述主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面的工作，' +
      '通知强调年度报告内容「不能遗漏，也不宜泛化」。本规则在“总体情况”正文字数低于评分细则阈值（thresholds.overviewMinChars）时报告；' +
      '对使用2021年版格式的报告，还检查上述五个方面是否都有涉及，并列出未涉及的方面。',
    messages: {
      short: '第一部分“总体情况”正文仅{length}字，过于简略',
      topics: '第一部分“总体情况”未涉及{missing}方面（2021年版格式要求概述主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障）',
    },
  },
  check(ctx) {
    const s1 = ctx.parsed.sections.s1;
    if (!s1?.present) return;
    const body = sectionBody(ctx.parsed, ctx.text, 's1');
    const length = contentLength(body);
    const min = ctx.rubric.thresholds.overviewMinChars;
    if (length < min) {
      ctx.report({ messageId: 'short', data: { length }, span: s1.span, key: 'length' });
      return;
    }
    if (ctx.version !== '2021') return;
    const missing = TOPICS.filter(([, re]) => !re.test(body)).map(([name]) => `“${name}”`);
    if (!missing.length) return;
    ctx.report({
      messageId: 'topics',
      data: { missing: missing.join('') },
      span: s1.span,
      key: 'topics',
    });
  },
});
