/**
 * `users add <用户名> --role admin|reviewer|viewer [--region 地区代码]` — the password is read from
 * standard input (first line when piped, typed without echo at a terminal); no default password.
 * `users list`, `users passwd <用户名>` (new password from stdin), `users set <用户名> [--role 角色]
 * [--region 代码|none] [--disable|--enable]`, `users remove <用户名>`; all take `--db 路径`, or
 * `--database-url postgres://…` for the accounts of a PostgreSQL database (issue 18).
 *
 * Every change is written to the audit log as `cli:<系统用户名>`.
 */
import { commandArgs } from './_args';
import { notPostgres, postgresUrl } from './_engine';
import { openDatabase, ROLES, SqliteAccounts, type Role } from '@nianbao/db';
import { Accounts, cliActor } from '@nianbao/core';
import { ROLE_LABEL } from '@nianbao/model';

const USAGE = `用法:
  users add <用户名> --role admin|reviewer|viewer [--region 地区代码] [--db 数据库文件]   （密码从标准输入读取）
  users list [--db 数据库文件]
  users passwd <用户名> [--db 数据库文件]                                              （新密码从标准输入读取）
  users set <用户名> [--role 角色] [--region 地区代码|none] [--disable|--enable] [--db 数据库文件]
  users remove <用户名> [--db 数据库文件]
  （各命令也可用 --database-url postgres://用户:密码@主机:端口/数据库 代替 --db，管理 PostgreSQL 数据库中的账号）`;


/** A password from stdin: typed without echo at a terminal (asked twice), else the first line. */
export async function readPassword(prompt = '密码：', confirm = true): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const ask = (text: string) =>
    new Promise<string>((resolve, reject) => {
      process.stderr.write(text);
      let value = '';
      stdin.setRawMode(true);
      stdin.resume();
      stdin.setEncoding('utf8');
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n' || ch === '\u0004') {
            done();
            return resolve(value);
          }
          if (ch === '\u0003') {
            done();
            return reject(new Error('已取消'));
          }
          if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
          else value += ch;
        }
      };
      const done = () => {
        stdin.off('data', onData);
        stdin.setRawMode(false);
        stdin.pause();
        process.stderr.write('\n');
      };
      stdin.on('data', onData);
    });
  const first = await ask(prompt);
  if (confirm && (await ask('再次输入：')) !== first) throw new Error('两次输入的密码不一致');
  return first;
}

export async function run(argv: string[]): Promise<number> {
  const args = commandArgs({
      args: argv,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        region: { type: 'string' },
        db: { type: 'string' },
        'database-url': { type: 'string' },
        disable: { type: 'boolean' },
        enable: { type: 'boolean' },
      },
    }, USAGE);
  if (!args) return 2;
  const { values, positionals } = args;
  const [action, name] = positionals;
  if (
    !action ||
    !['add', 'list', 'passwd', 'set', 'remove'].includes(action) ||
    (action !== 'list' && !name)
  ) {
    console.error(USAGE);
    return 2;
  }
  if (values.role !== undefined && !ROLES.includes(values.role as Role)) {
    console.error(`参数错误：--role 应为 ${ROLES.join('、')} 之一，收到 “${values.role}”`);
    return 2;
  }
  if (action === 'add' && !values.role) {
    console.error(`参数错误：请用 --role 指定角色（${ROLES.join('、')}）\n${USAGE}`);
    return 2;
  }

  // --db names a SQLite file even when DATABASE_URL is set
  const url = values.db ? undefined : postgresUrl(values['database-url']);
  if (notPostgres(values['database-url'])) {
    console.error(`参数错误：--database-url 应以 postgres:// 开头\n${USAGE}`);
    return 2;
  }
  // PostgreSQL's driver loaded only when asked for: the SQLite product never loads it
  const storage = url ? await (await import('@nianbao/db/pg')).PgAccounts.open(url) : new SqliteAccounts(openDatabase(values.db));
  const accounts = new Accounts(storage);
  try {
    if (action === 'list') {
      const list = await accounts.list();
      if (!list.length) console.log('尚无账号（在 127.0.0.1 上运行时为单用户本机模式）。');
      for (const u of list) {
        console.log(
          `${String(u.id).padStart(4)}  ${u.username.padEnd(20)} ${ROLE_LABEL[u.role]}  ${u.regionCode ?? '全部地区'}${u.disabled ? '  （已停用）' : ''}`,
        );
      }
      return 0;
    }
    const user = await accounts.byName(name!);
    if (action !== 'add' && !user) {
      console.error(`未找到用户“${name}”`);
      return 1;
    }
    const record = (what: string, target: string, regionCode: string | null, detail?: unknown) =>
      accounts.record({ actor: cliActor(), action: what, target: `user:${target}`, regionCode, detail });

    if (action === 'add') {
      const password = await readPassword();
      const r = await accounts.create({
        username: name!,
        password,
        role: values.role as Role,
        regionCode: values.region ?? null,
      });
      if (!r.ok) {
        console.error(r.message);
        return 1;
      }
      await record('user.create', r.value.username, r.value.regionCode, {
        id: r.value.id,
        role: r.value.role,
        region: r.value.regionCode,
      });
      console.log(
        `已创建用户“${r.value.username}”（${ROLE_LABEL[r.value.role]}，${r.value.regionCode ? `地区 ${r.value.regionCode}` : '全部地区'}）。`,
      );
      return 0;
    }
    if (action === 'passwd') {
      const r = await accounts.update(user!.id, { password: await readPassword('新密码：') });
      if (!r.ok) {
        console.error(r.message);
        return 1;
      }
      await record('user.update', user!.username, user!.regionCode, { id: user!.id, password: '已重设' });
      console.log(`已重设“${user!.username}”的密码，其已登录的会话均已失效。`);
      return 0;
    }
    if (action === 'set') {
      if (values.disable && values.enable) {
        console.error('参数错误：--disable 与 --enable 不能同时使用');
        return 2;
      }
      const region =
        values.region === undefined
          ? undefined
          : /^(none|all|-)$/i.test(values.region)
            ? null
            : values.region;
      const disabled = values.disable ? true : values.enable ? false : undefined;
      const r = await accounts.update(user!.id, {
        role: values.role as Role | undefined,
        regionCode: region,
        disabled,
      });
      if (!r.ok) {
        console.error(r.message);
        return 1;
      }
      await record('user.update', user!.username, r.value.regionCode, {
        id: user!.id,
        role: values.role,
        region,
        disabled,
      });
      console.log(
        `已更新“${user!.username}”：${ROLE_LABEL[r.value.role]}，${r.value.regionCode ?? '全部地区'}${r.value.disabled ? '，已停用' : ''}。`,
      );
      return 0;
    }
    const r = await accounts.remove(user!.id);
    if (!r.ok) {
      console.error(r.message);
      return 1;
    }
    await record('user.delete', user!.username, user!.regionCode, { id: user!.id, role: user!.role });
    console.log(`已删除用户“${user!.username}”。`);
    return 0;
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  } finally {
    await storage.close();
  }
}
