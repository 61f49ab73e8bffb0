ALTER TABLE `findings` ADD `message_id` text;--> statement-breakpoint
ALTER TABLE `findings` ADD `data` text;--> statement-breakpoint
-- Findings of originality.copied-across-agencies stored before message ids: their message id and data read back from
-- their text, where it is exactly the rule's wording then, so that a region-scoped view re-renders them from data.
UPDATE `findings` SET `message_id` = 'copied', `data` = json_object('agency', p.agency, 'similarity', p.similarity)
FROM (
  SELECT id, agency, similarity FROM (
    SELECT id, message,
      substr(message, instr(message, '“') + 1, instr(message, '”') - instr(message, '“') - 1) AS agency,
      CAST(substr(message, instr(message, '相似度约') + 4, instr(message, '%）') - instr(message, '相似度约') - 4) AS INTEGER) AS similarity
    FROM `findings`
    WHERE rule = 'originality.copied-across-agencies' AND message_id IS NULL
      AND instr(message, '”') > instr(message, '“') AND instr(message, '%）') > instr(message, '相似度约') AND instr(message, '相似度约') > 0
  )
  WHERE message = '正文（总体情况、存在的主要问题及改进情况、其他需要报告的事项）与“' || agency || '”同年度报告高度雷同（相似度约' || similarity || '%）'
) AS p
WHERE `findings`.id = p.id;
