/**
 * The roster edited on the 报送情况 page: a unit added by hand (matched to a registered agency by its
 * names, as a row of a roster file is), and a unit's name, years due, 撤并 and 免报 changed.
 */
import { useState } from 'react';
import { Alert, AutoComplete, Button, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useAddUnit, useUpdateUnit, type RosterResponse } from '../api/office';
import { REGION_PREFIX, REGION_PREFIX_HINT } from '../labels';

type Item = RosterResponse['items'][number];

const YEAR_RULE = { type: 'number' as const, min: 2000, max: 2100, message: '请填写四位年份' };
const URL_RULE = { pattern: /^https?:\/\/\S+$/, message: '网址应以 http:// 或 https:// 开头' };
const KINDS = ['部门', '人民政府', '管委会', '街道办事处', '乡镇人民政府'].map((value) => ({ value }));
const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
const yearField = (v: number | null | undefined) => (typeof v === 'number' ? v : null);

/** A year field of the roster form (四位年份 or empty). */
function YearItem({ label, name, extra, placeholder }: { label: string; name: string; extra: string; placeholder?: string }) {
  return (
    <Form.Item label={label} name={name} rules={[YEAR_RULE]} extra={extra}>
      <InputNumber style={{ width: 160 }} placeholder={placeholder} />
    </Form.Item>
  );
}

/** The server's refusal of a roster edit, in its own words. */
function FormError({ error }: { error: Error | null }) {
  return error ? (
    <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error.message} data-testid="unit-form-error" />
  ) : null;
}

interface AddForm {
  name: string;
  regionCode?: string;
  kindLabel?: string;
  parentName?: string;
  fromYear?: number | null;
  url?: string;
}

/** 「新增单位」: a unit that must report, perhaps one that never has. */
export function AddUnitButton() {
  const [open, setOpen] = useState(false);
  const add = useAddUnit();
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <Button
        icon={<PlusOutlined />}
        data-testid="unit-add"
        onClick={() => {
          add.reset();
          setDone(null);
          setOpen(true);
        }}
      >
        新增单位
      </Button>
      {done ? (
        <Typography.Text type="success" data-testid="unit-add-result">
          {done}
        </Typography.Text>
      ) : null}
      {open ? <AddUnitDialog add={add} onDone={setDone} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function AddUnitDialog({
  add,
  onDone,
  onClose,
}: {
  add: ReturnType<typeof useAddUnit>;
  onDone: (text: string) => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm<AddForm>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    add.mutate(
      {
        name: v.name.trim(),
        regionCode: blank(v.regionCode),
        kindLabel: blank(v.kindLabel),
        parentName: blank(v.parentName),
        fromYear: yearField(v.fromYear),
        url: blank(v.url),
      },
      {
        onSuccess: (r) => {
          onDone(
            r.status === 'added'
              ? `已将“${r.agency?.name}”加入名单`
              : `“${r.agency?.name}”已在名单中${r.status === 'updated' ? '，已更新其信息' : ''}`,
          );
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open
      title="在名单中新增单位"
      okText="加入名单"
      cancelText="取消"
      confirmLoading={add.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        名称与已登记的机关（含别名）一致的，视为同一机关；与已登记机关相近但不一致的，请核对后使用已登记名称。
      </Typography.Paragraph>
      <FormError error={add.error} />
      <Form form={form} name="unitAdd" layout="vertical" data-testid="unit-add-form">
        <Form.Item
          label="机关名称"
          name="name"
          rules={[{ required: true, whitespace: true, message: '请填写机关全称' }]}
        >
          <Input autoComplete="off" placeholder="如：新余市审计局" />
        </Form.Item>
        <Form.Item
          label="地区代码"
          name="regionCode"
          extra="6 位行政区划代码，如 360500；不填则按名称识别"
          rules={[{ pattern: REGION_PREFIX, message: REGION_PREFIX_HINT }]}
        >
          <Input autoComplete="off" inputMode="numeric" />
        </Form.Item>
        <Form.Item
          label="类型"
          name="kindLabel"
          extra="人民政府、管委会按 3 月 31 日的期限，部门按 1 月 31 日"
        >
          <AutoComplete options={KINDS} placeholder="部门" />
        </Form.Item>
        <Form.Item label="上级机关" name="parentName">
          <Input autoComplete="off" />
        </Form.Item>
        <YearItem label="自何年起应报" name="fromYear" extra="不填则每一年度都应报送" placeholder="如 2020" />
        <Form.Item label="年报栏目网址" name="url" rules={[URL_RULE]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditForm {
  name: string;
  fromYear?: number | null;
  withdrawnFrom?: number | null;
  exemptFrom?: number | null;
  url?: string;
}

/** 「修改」 on a unit's row: opens the page's one editing dialog. */
export function EditUnitButton({ item, onEdit }: { item: Item; onEdit: (item: Item) => void }) {
  return (
    <Button
      size="small"
      type="link"
      icon={<EditOutlined />}
      aria-label={`修改${item.agency.name}`}
      data-testid="unit-edit"
      onClick={() => onEdit(item)}
    >
      修改
    </Button>
  );
}

/** The unit's name (the old one stays an alias), years due, 撤并, 免报 and URL. */
export function EditUnitDialog({ item, onClose }: { item: Item; onClose: () => void }) {
  const [form] = Form.useForm<EditForm>();
  const update = useUpdateUnit();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const name = v.name.trim();
    update.mutate(
      {
        agencyId: item.agency.id,
        ...(name !== item.agency.name ? { name } : {}),
        fromYear: yearField(v.fromYear),
        withdrawnFrom: yearField(v.withdrawnFrom),
        exemptFrom: yearField(v.exemptFrom),
        url: blank(v.url),
      },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal
      open
      title={`修改名单单位：${item.agency.name}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={update.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <FormError error={update.error} />
      <Form
        form={form}
        name="unitEdit"
        layout="vertical"
        data-testid="unit-edit-form"
        initialValues={{
          name: item.agency.name,
          fromYear: item.unit?.fromYear ?? null,
          withdrawnFrom: item.unit?.withdrawnFrom ?? null,
          exemptFrom: item.unit?.exemptFrom ?? null,
          url: item.unit?.url ?? '',
        }}
      >
        <Form.Item
          label="机关名称"
          name="name"
          extra="更名后原名称保留为别名，导入名单或报告时仍能识别"
          rules={[{ required: true, whitespace: true, message: '请填写机关全称' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <YearItem label="自何年起应报" name="fromYear" extra="不填则自首份报告的年度起（从未发布过的单位每一年度都应报送）" />
        <YearItem label="撤并年份" name="withdrawnFrom" extra="自该年度起机关已撤销或合并，不再应报" />
        <YearItem label="免报年份" name="exemptFrom" extra="自该年度起经批准免予报送，列为“免报”" />
        <Form.Item label="年报栏目网址" name="url" rules={[URL_RULE]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
