import { defineRule } from '../rule';
import { ownSignature, signatureOfText } from '../originality-context';
import { similarity } from '../similarity';

export default defineRule({
  meta: {
    id: 'originality.copied-across-agencies',
    category: 'conformity',
    severity: 'warning',
    description: '正文与同年度其他机关的报告高度雷同',
    docs:
      '国办公开办函〔2021〕30号通知指出，年度报告「内容雷同、敷衍塞责」的，应依照《中华人民共和国政府信息公开条例》第四十七条处理。' +
      '本规则比较“总体情况”“存在的主要问题及改进情况”“其他需要报告的事项”三部分正文（统计表各报告相同，不计），' +
      '以5字片段的MinHash签名估计相似度，达到评分细则 thresholds.peerSimilarity（默认0.7）即报告。数字统一处理，改了年份、数字的照抄同样能发现。' +
      '候选报告由存储层按LSH分桶查出，不做两两全文比较，可支撑每年数千份报告。正文过短（低于 thresholds.minNarrativeChars）的不比较。',
    messages: {
      copied: '正文（总体情况、存在的主要问题及改进情况、其他需要报告的事项）与“{agency}”同年度报告高度雷同（相似度约{similarity}%）',
    },
  },
  check(ctx) {
    const peers = ctx.audit.peers;
    if (!peers?.length) return;
    const own = ownSignature(ctx);
    if (!own) return;
    const min = ctx.rubric.thresholds.peerSimilarity;
    const name = ctx.parsed.agency.name;
    const hits = peers
      .filter((p) => !name || p.agency !== name)
      .map((p) => ({ peer: p, s: similarity(own, p.signature ?? signatureOfText(p.text)) }))
      .filter((x) => x.s >= min)
      .sort((a, b) => b.s - a.s);
    for (const { peer, s } of hits) {
      ctx.report({
        messageId: 'copied',
        data: { agency: peer.agency, similarity: Math.round(s * 100) },
        span: ctx.parsed.sections.s1?.span ?? null,
        key: String(peer.reportId),
      });
    }
  },
});
