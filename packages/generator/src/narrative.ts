/**
 * The prose of a report: the preamble, 一、总体情况 with its five parts, the lead sentences of the
 * table sections, 五、存在的主要问题及改进情况 and 六、其他需要报告的事项. Sentences are assembled from
 * pools of openers, actions and effects, so that two unrelated reports share few character shingles;
 * a narrative is a pure function of its seed, so copying a report (across agencies, or from the
 * agency's own previous year) is drawing with the same seed.
 *
 * The figures the text states (收到政府信息公开申请 N 件, 行政复议 N 件, 行政诉讼 N 件) come from the
 * tables as printed, or from `stated` when a defect makes the text contradict them.
 */
import type { Agency } from './agencies';
import { Rng } from './prng';

export interface Stated {
  /** 本年新收 total the text states; null: the text says nothing about applications. */
  newReceived: number | null;
  /** 行政复议 total. */
  review: number | null;
  /** 行政诉讼: both groups' totals together. */
  litigation: number | null;
}

export interface Narrative {
  preamble: string[];
  s1: Paragraph[];
  s2: string[];
  s3: string[];
  s4: string[];
  s5: Paragraph[];
  s6: string[];
}

/** A paragraph, or a sub-heading (（一）主动公开) when `heading` is set. */
export interface Paragraph {
  text: string;
  heading?: boolean;
}

interface Vars {
  name: string;
  self: string;
  /** The region's name: 新余市, 分宜县. */
  place: string;
  /** 全市, 全县, 全区, 全镇 … as a government names its area; the department's 本系统 otherwise. */
  area: string;
  year: number;
  next: number;
}

const fill = (s: string, v: Vars) =>
  s.replace(/\{(name|self|place|area|year|next)\}/g, (_, k: keyof Vars) => String(v[k]));

// ---------------------------------------------------------------------------------------------
// Pools. Each sentence is opener + action + effect, so a pool of n×m×k is cheap to write.

const OPENERS = [
  '{year}年，', '过去一年，', '{year}年度，', '本年度，', '一年来，', '今年以来，', '报告期内，', '{year}年以来，',
  '全年，', '按照上级部署，', '对照年度工作要点，', '围绕中心工作，', '在上级主管部门指导下，', '结合本单位实际，',
];
const GOALS = [
  '{self}以群众需求为导向，着力提升政务公开的针对性和实效性', '{name}把政务公开融入日常工作各环节，形成常态化工作机制', '{self}认真对照《中华人民共和国政府信息公开条例》要求，查缺补漏、完善制度', '{self}紧紧围绕年度重点任务，推进权力运行全流程公开', '{name}持续加强组织领导，推动各项公开任务落地见效', '{self}坚持公开与解读、回应并重，不断提高公开质量',
  '{name}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》',
  '{name}深入贯彻落实党中央、国务院关于全面推进政务公开的决策部署',
  '{self}严格落实政府信息公开各项制度要求，把政务公开作为转变作风、提升效能的重要抓手',
  '{self}围绕{place}经济社会发展大局，持续深化政务公开工作',
  '{name}将政府信息公开工作纳入重要议事日程，主要负责同志亲自研究部署',
  '{self}以提升政务透明度为目标，不断完善政府信息公开工作机制',
  '{self}坚持“以公开为常态、不公开为例外”原则，扎实推进决策、执行、管理、服务、结果公开',
  '{name}认真落实上级关于政务公开工作要点的各项任务',
  '{self}紧扣群众关切，推动政务公开与业务工作深度融合',
  '{self}对标对表政务公开标准化规范化要求，逐项梳理公开事项',
  '{name}按照“谁制作、谁公开，谁保存、谁公开”的原则压实各科室责任',
  '{self}把政务公开工作与优化营商环境、转变政府职能结合起来统筹推进',
];
const EFFECTS = [
  '，公开工作机制日趋完善。', '，群众对政府工作的知晓度进一步提高。', '，公开内容更加全面规范。', '，依法行政水平持续提升。', '，营造了良好的政务公开氛围。', '，各项任务按期完成。',
  '，公开质量和实效稳步提升。', '，有效保障了人民群众的知情权、参与权、表达权和监督权。', '，各项工作取得积极成效。',
  '，政务公开工作水平进一步提高。', '，为建设法治政府、服务型政府提供了有力支撑。', '，政府工作透明度持续增强。',
  '，群众满意度和获得感不断提升。', '，较好地完成了年度各项目标任务。', '，政务公开规范化程度明显提高。',
  '，推动政府信息公开工作再上新台阶。',
];

const ACTIVE = [
  '{self}通过门户网站、政务新媒体等渠道主动公开各类政府信息{n}条',
  '全年在政府信息公开专栏发布信息{n}条，涵盖机构职能、政策文件、规划计划、财政资金等内容',
  '{self}依托政府网站集约化平台及时更新法定主动公开内容，累计发布信息{n}条',
  '围绕重点领域信息公开，全年公开财政预决算、重大建设项目、公共资源配置等信息{n}条',
  '通过政务微信公众号推送政务信息{n}条，原创稿件占比逐步提高',
  '{self}在门户网站开设专题专栏，集中发布政策文件及解读材料{n}篇',
];
const ACTIVE_MORE = [
  '围绕乡村振兴、教育医疗、养老社保等民生领域，细化公开内容和标准', '对行政规范性文件实行统一登记、统一编号、统一发布', '按月梳理上级政策文件，在网站集中转载便于查阅', '围绕突发事件应对，及时发布预警信息和处置进展', '主动公开部门预算、决算和绩效自评结果', '公开招标采购、项目审批等重点事项办理结果', '编印政策汇编并在服务窗口免费发放', '推行“政策明白卡”，让群众看得懂、用得上',
  '严格执行公文公开属性源头认定制度，在公文办理环节同步明确公开方式。',
  '坚持政策文件与解读材料同步组织、同步审签、同步部署，采用图表、视频等形式开展解读。',
  '及时回应社会关切，对涉及群众切身利益的热点问题第一时间发布权威信息。',
  '加大财政预决算、“三公”经费等信息公开力度，按规定时限完成公开。',
  '围绕优化营商环境，集中公开惠企政策清单和办事指南。',
  '持续做好权责清单、行政许可、行政处罚等“双公示”信息公开工作。',
  '推进重大行政决策预公开，重要政策出台前通过网站公开征求社会公众意见。',
  '主动公开年度重点工作任务及推进落实情况，接受社会监督。',
  '做好人事任免、招考录用等信息发布，确保公开及时准确。',
  '按季度更新政府信息公开目录，确保公开内容完整规范。',
  '建立政策文件库，对现行有效文件集中分类展示，方便群众查阅。',
  '围绕民生实事项目进展情况定期发布工作动态。',
  '开展政府开放日活动，邀请群众代表走进机关了解工作情况。',
  '组织召开新闻发布会，就社会关注的重要事项进行权威发布。',
  '在办事大厅设置政务公开专区，提供政策查询和咨询服务。',
  '对涉及市场主体的政策措施开展集中宣传，扩大政策知晓面。',
];

/** What a listed measure achieves: joined to half the sentences, so that two lists share fewer shingles. */
const TAILS = [
  '确保各项要求落到实处', '切实提升工作实效', '推动工作常态化、长效化', '不断提高群众满意度', '进一步增强公开实效', '做到应公开尽公开', '有效回应社会关切', '为群众办事提供便利', '促进政务公开提质增效', '形成了较为完善的工作机制', '确保公开内容准确规范', '着力提升公开质量', '得到了群众的普遍认可', '工作基础更加扎实', '公开的规范性明显增强', '取得了良好效果',
];

const REQUEST_NONE = [
  '{year}年度，{self}未受理政府信息公开申请。', '本年度{self}没有收到政府信息公开申请。',
  '本年度，{self}未收到政府信息公开申请。',
  '{year}年，{self}没有收到政府信息公开申请。',
  '报告期内，{self}未受理政府信息公开申请。',
];
const REQUEST_SOME = [
  '{year}年度，{self}收到政府信息公开申请{n}件，均按规定程序办理。', '本年度{self}共受理政府信息公开申请{n}件，按时答复率100%。',
  '本年度，{self}共收到政府信息公开申请{n}件，均在法定期限内予以答复。',
  '{year}年，{self}新收政府信息公开申请{n}件，全部依法依规办理。',
  '全年共收到政府信息公开申请{n}件，已按照法定程序和时限作出答复。',
  '报告期内，{self}受理政府信息公开申请{n}件，办理过程规范、答复内容完整。',
];
const REQUEST_MORE = [
  '依申请公开答复实行“一案一审”，由法制机构把关', '在网站公布依申请公开办理流程图和申请表格式文本', '对申请人要求提供的信息依法区分处理', '与申请人加强沟通，对申请内容变更或补正的给予指导', '开展依申请公开答复文书质量评查', '对涉及第三方权益的申请依法书面征求第三方意见', '定期分析申请内容，把申请较多的信息纳入主动公开范围', '严格执行答复期限，无逾期答复情况',
  '进一步规范依申请公开工作流程，严格执行登记、审核、答复、归档各环节要求。',
  '修订完善依申请公开工作规程，明确受理、承办、审核、送达等环节的责任分工。',
  '对疑难复杂申请组织业务科室和法律顾问会商研判，确保答复依据充分、格式规范。',
  '畅通网上申请、信函申请、当面申请等多种渠道，为申请人提供便利。',
  '加强与申请人的沟通，对申请内容不明确的及时告知补正。',
  '建立依申请公开台账，实行一案一档管理。',
  '将依申请公开答复文书纳入合法性审核范围，提升答复质量。',
  '注重依申请公开工作中发现的共性问题，推动依申请公开向主动公开转化。',
];
const CASES_NONE = [
  '本年度{self}未发生因政府信息公开引起的行政复议、行政诉讼。', '{year}年，{self}无因政府信息公开被申请行政复议、提起行政诉讼的情况。',
  '全年未发生因政府信息公开引起的行政复议、行政诉讼案件。',
  '本年度没有因政府信息公开工作被申请行政复议或提起行政诉讼的情况。',
  '报告期内未发生因政府信息公开被申请行政复议、被提起行政诉讼的情形。',
];

const MANAGE = [
  '实行信息发布“三审”制度，由科室负责人、分管领导和主要领导逐级审核', '定期对公开目录进行动态调整', '规范政府信息公开工作档案，做到资料齐全、归档及时', '开展历史公开信息清理，对过时信息作归档处理', '建立政府信息公开联络员制度，明确各科室信息报送责任', '对拟公开信息逐条开展保密审查和个人信息保护审查', '严格规范公文公开属性标注', '健全信息发布前的合法性审核机制',
  '严格落实信息发布保密审查制度，坚持“先审查、后公开”和“一事一审”',
  '持续开展政策文件清理工作，对现行有效文件进行动态更新',
  '加强政府信息全生命周期管理，规范信息的制作、获取、保存和发布',
  '建立健全政府信息发布协调机制，确保发布信息准确一致',
  '对已公开信息开展常态化巡查，及时纠正错别字、链接失效等问题',
  '完善政府信息公开指南和公开目录，方便公众查询',
  '严格执行个人信息保护规定，防止公开内容泄露个人隐私',
  '落实政府信息公开属性审查，规范不予公开信息的认定',
  '建立政务公开工作台账，逐项明确责任科室和完成时限',
  '规范政府公报、政策文件等信息的编号和归档管理',
];
const PLATFORM = [
  '完善政府信息公开专栏“主动公开”“依申请公开”等栏目', '实现网站信息与政务新媒体同步推送', '优化移动端页面，方便群众用手机查阅', '在政务服务大厅设置查阅终端', '加强政务新媒体内容审核和值班读网', '定期检查网站链接可用性和信息准确性', '开设政策问答专栏，集中解答群众关心的问题', '对网站栏目进行整合优化，清理空白栏目',
  '强化政府网站内容保障，做好栏目梳理和页面优化',
  '加强政务新媒体规范化管理，严格落实“三审三校”制度',
  '推进政府网站适老化和无障碍改造，提升浏览体验',
  '优化政府信息公开专栏栏目设置，实现公开内容分类清晰',
  '依托政务服务网推进办事服务信息公开，实现网上可查可办',
  '开展政府网站和政务新媒体自查整改，及时清理僵尸账号',
  '加强政务公开专区建设，配备查阅设备和专人服务',
  '升级站内搜索功能，提高信息检索的准确性',
  '完善网站安全防护措施，保障平台平稳运行',
  '推进政务公开平台与政务服务平台融合发展',
];
const SUPERVISE = [
  '把政务公开纳入领导班子年度工作要点统筹安排', '聘请社会监督员对政务公开工作进行监督', '在网站公布监督举报电话，接受群众监督', '定期向上级主管部门报送政务公开工作情况', '开展政务公开工作专项督查', '将政务公开培训纳入干部教育培训计划', '落实政务公开工作经费和人员保障', '建立问题整改台账，实行销号管理',
  '成立政务公开工作领导小组，主要负责同志任组长，办公室负责日常工作',
  '将政务公开工作纳入年度绩效考核，细化考核指标',
  '组织开展政务公开业务培训{k}次，提升工作人员业务能力',
  '定期开展政务公开工作自查，发现问题及时整改',
  '主动接受人大监督、民主监督和社会监督，认真办理意见建议',
  '落实政务公开工作责任制，明确分管领导和具体经办人员',
  '对照第三方评估反馈意见，逐条研究整改落实',
  '建立信息发布考核通报制度，定期通报各科室信息报送情况',
];
const GOVERNMENT_EXTRAS = [
  '关于工作考核、社会评议和责任追究结果情况：{place}将政务公开工作纳入综合考核，组织开展社会评议，本年度未发生因政务公开工作不力被责任追究的情况。',
  '工作考核、社会评议和责任追究结果情况方面，{self}对各部门政务公开工作进行年度考核，通过网上问卷开展社会评议，全年无责任追究情况。',
  '在工作考核、社会评议和责任追究结果情况方面，{self}把政务公开纳入年度目标管理考核，邀请群众代表参与社会评议，未发生需要责任追究的情形。',
];

const PROBLEMS = [
  '信息公开与政务服务融合度不高', '政策文件发布后跟踪解读不够', '依申请公开工作人员变动频繁，业务衔接不够顺畅', '主动回应社会关切的时效性有待提高', '网站部分栏目设置不够合理', '对基层单位政务公开工作的指导还不够', '数据开放程度不高，可利用的数据资源较少', '政务公开工作经费保障不足',
  '政策解读形式还不够丰富，图解、视频等解读方式运用不多',
  '部分栏目信息更新不够及时，个别内容存在滞后现象',
  '政务公开工作人员多为兼职，业务能力有待进一步提高',
  '主动公开的深度和广度还需拓展，重点领域信息公开不够细化',
  '政务新媒体互动回应能力不足，与公众的沟通交流还不够充分',
  '依申请公开答复的规范性有待加强，答复文书表述还需进一步精准',
  '基层政务公开标准化规范化工作推进不够平衡',
  '公开信息的可读性不强，部分内容专业术语较多',
  '政府信息管理基础工作还不够扎实，文件清理工作有待深化',
  '对政务公开工作的宣传培训力度不够，社会公众参与度不高',
];
const MEASURES = [
  '推动政务公开与政务服务深度融合，实现办事服务信息一站查询', '建立政策执行情况跟踪机制，适时开展政策解读回头看', '建立依申请公开工作交接制度，保持工作连续性', '完善舆情回应机制，提高回应时效', '优化网站栏目设置，方便群众查找信息', '加强对基层单位的业务指导，定期开展督导检查', '稳步推进数据开放，扩大可开放数据范围', '积极争取工作经费，保障政务公开工作正常开展',
  '丰富解读形式，综合运用图表图解、音频视频等方式，提高政策解读的针对性和可读性',
  '建立栏目更新提醒机制，明确专人负责，确保信息发布及时准确',
  '加强业务培训，组织工作人员学习政府信息公开条例和相关规范，提升业务水平',
  '聚焦群众关切，进一步拓展重点领域信息公开的范围和深度',
  '加强政务新媒体运营管理，及时回应网民留言和社会关切',
  '规范依申请公开办理流程，加强答复文书的合法性审核',
  '对照标准目录逐项完善公开内容，推动政务公开标准化规范化建设',
  '加强对已公开信息的巡查，及时发现和纠正问题',
  '健全政府信息管理制度，定期开展文件清理并公布结果',
  '加大宣传力度，引导公众通过政府网站查询和获取政府信息',
];
const MEASURES_LEAD = [
  '为解决上述问题，{self}将重点抓好以下几项工作：', '{next}年，{self}将针对存在的不足持续改进：', '今后，{self}将着力从以下几个方面加以改进：', '针对以上问题，{self}拟采取以下改进措施：',
  '针对上述问题，{self}将采取以下改进措施：',
  '{next}年，{self}将重点做好以下工作，切实加以改进：',
  '下一步，{self}将从以下方面持续改进：',
  '对此，{self}将认真研究，采取有力措施加以改进：',
];
const PROBLEMS_LEAD = [
  '{self}政务公开工作虽有进步，但与新形势新要求相比仍有差距：', '从全年情况看，工作中还存在以下短板：', '对照考核评估要求，{self}在以下方面还需加强：', '工作中仍存在一些问题和不足，主要是：',
  '{year}年，{self}政府信息公开工作取得了一定成效，但也存在一些不足：',
  '对照上级要求和群众期盼，{self}政务公开工作还存在以下问题：',
  '回顾全年工作，仍存在一些薄弱环节：',
  '在肯定成绩的同时，我们也清醒地认识到存在的不足：',
];
const LAST_YEAR_FIX = [
  '针对上年度报告中提出的问题，{self}已逐项制定整改措施并落实到位。',
  '上一年度发现的信息更新不及时等问题已完成整改。',
  '对上年度第三方评估指出的问题，已全部整改完毕。',
];

const FEES = [
  '{year}年度{self}未收取政府信息公开信息处理费。', '本年度未发生信息处理费收取情况。', '全年未向申请人收取任何信息处理费。',
  '本年度{self}未收取信息处理费。',
  '依据《政府信息公开信息处理费管理办法》，本年度{self}未向申请人收取信息处理费。',
  '{year}年，{self}未发生收取信息处理费的情况。',
];
const OTHER = [
  '本年度{self}按要求完成了政务公开工作要点确定的各项任务。', '{self}全年办理人大代表建议、政协委员提案，答复率达到100%。', '本年度没有其他需要报告的事项。', '{self}在政务公开领域积极探索，相关做法在系统内交流推广。', '全年组织政府开放日活动，邀请群众代表参与。',
  '本年度{self}认真落实政务公开工作要点，各项任务均已完成。',
  '全年办理人大代表建议和政协委员提案，办理结果已按要求公开。',
  '{self}积极推进基层政务公开标准化规范化工作，公开事项标准目录已在网站发布。',
  '无其他需要报告的事项。',
  '{self}持续推进政务公开创新实践，探索“政务公开+”工作模式。',
];

const PREAMBLE = [
  '本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室有关要求编制。',
  '根据《中华人民共和国政府信息公开条例》规定，{name}编制本报告。',
  '本报告依据《中华人民共和国政府信息公开条例》第五十条的规定编制。',
];
const PREAMBLE_SCOPE = [
  '本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。',
  '报告所列数据统计时间为{year}年1月1日至12月31日。',
];
const PREAMBLE_CONTACT = [
  '本报告电子版可在{name}门户网站查阅或下载。如对本报告有疑问，请与{name}办公室联系。',
  '如对本报告有任何疑问，请与{name}政务公开工作机构联系。',
  '本报告可在{place}人民政府门户网站政府信息公开专栏查阅。',
];

const LEAD_S2 = ['', '', '主动公开政府信息情况统计如下：', '本年度主动公开政府信息的主要数据见下表。'];
const LEAD_S3 = ['', '', '收到和处理政府信息公开申请的情况统计如下：', '依申请公开办理情况见下表。'];
const LEAD_S4 = ['', '', '行政复议、行政诉讼的情况统计如下：', '相关情况见下表。'];

// ---------------------------------------------------------------------------------------------

function sentence(rng: Rng, v: Vars): string {
  return fill(rng.pick(OPENERS) + rng.pick(GOALS) + rng.pick(EFFECTS), v);
}

function list(rng: Rng, pool: string[], k: number, v: Vars): string {
  return rng
    .sample(pool, k)
    .map((s) => {
      const base = s.replace(/。$/, '');
      return fill(rng.chance(0.5) ? `${base}，${rng.pick(TAILS)}` : base, v) + '。';
    })
    .join('');
}

function numbered(rng: Rng, pool: string[], k: number, v: Vars): string {
  const ords = '一二三四五六';
  return rng
    .sample(pool, k)
    .map((s, i) => `${rng.chance(0.5) ? `${i + 1}.` : `（${ords[i]}）`}${fill(s, v)}。`)
    .join('');
}

const areaOf = (agency: Agency) => {
  if (agency.kind !== 'government') return '本系统';
  if (agency.level === 'province') return '全省';
  if (agency.level === 'city') return '全市';
  if (agency.level === 'township') return /乡人民政府$/.test(agency.name) ? '全乡' : '全镇';
  return /区人民政府$/.test(agency.name) ? '全区' : '全县';
};

const placeOf = (agency: Agency) => {
  const m = agency.name.match(/^(.*?(?:省|市|县|区|旗|镇|乡|街道))/);
  return m ? m[1]! : agency.region.name;
};

/**
 * The narrative of one report. `seed` decides every choice of wording; `year`, the agency and the
 * stated figures only fill them in (a copy with the year changed draws the same sentences).
 */
export function drawNarrative(seed: number, agency: Agency, year: number, stated: Stated): Narrative {
  const rng = new Rng(seed);
  const v: Vars = { name: agency.name, self: agency.self, place: placeOf(agency), area: areaOf(agency), year, next: year + 1 };
  const n = (lo: number, hi: number) => String(rng.int(lo, hi));

  const preamble = [fill(rng.pick(PREAMBLE), v) + fill(rng.pick(PREAMBLE_SCOPE), v) + fill(rng.pick(PREAMBLE_CONTACT), v)];

  const intro = sentence(rng, v) + sentence(rng, v) + (rng.chance(0.5) ? sentence(rng, v) : '');
  const active =
    rng
      .sample(ACTIVE, 2)
      .map((s) => fill(s, v).replace('{n}', n(20, 3000)) + '。')
      .join('') + list(rng, ACTIVE_MORE, rng.int(2, 4), v);
  let requests =
    stated.newReceived === null
      ? ''
      : stated.newReceived === 0
        ? fill(rng.pick(REQUEST_NONE), v)
        : fill(rng.pick(REQUEST_SOME), v).replace('{n}', String(stated.newReceived));
  if (stated.newReceived === null) rng.next();
  requests += list(rng, REQUEST_MORE, rng.int(2, 3), v);
  const review = stated.review ?? 0;
  const litigation = stated.litigation ?? 0;
  // drawn whatever the figures, so that a copy draws the same sentences after it
  const casesNone = fill(rng.pick(CASES_NONE), v);
  if (stated.review !== null && stated.litigation !== null) {
    if (review === 0 && litigation === 0) requests += casesNone;
    else {
      // one clause per figure: 「被申请行政复议N件，被提起行政诉讼M件」
      requests += `因政府信息公开工作被申请行政复议${review}件，被提起行政诉讼${litigation}件。`;
    }
  }
  const manage = list(rng, MANAGE, rng.int(2, 4), v);
  const platform = list(rng, PLATFORM, rng.int(2, 4), v);
  let supervise = list(rng, SUPERVISE, rng.int(2, 3), v).replace('{k}', n(1, 6));
  if (agency.kind === 'government') supervise += fill(rng.pick(GOVERNMENT_EXTRAS), v);

  const s1: Paragraph[] = [
    { text: intro },
    { text: '（一）主动公开', heading: true },
    { text: active },
    { text: '（二）依申请公开', heading: true },
    { text: requests },
    { text: '（三）政府信息管理', heading: true },
    { text: manage },
    { text: '（四）政府信息公开平台建设', heading: true },
    { text: platform },
    { text: '（五）监督保障', heading: true },
    { text: supervise },
  ];

  const s5: Paragraph[] = [
    { text: fill(rng.pick(PROBLEMS_LEAD), v) + numbered(rng, PROBLEMS, rng.int(2, 3), v) },
    { text: fill(rng.pick(MEASURES_LEAD), v) + numbered(rng, MEASURES, rng.int(3, 4), v) },
  ];
  if (rng.chance(0.4)) s5.push({ text: fill(rng.pick(LAST_YEAR_FIX), v) });

  const s6 = [fill(rng.pick(FEES), v) + list(rng, OTHER, rng.int(1, 2), v)];
  const lead = (pool: string[]) => {
    const s = rng.pick(pool);
    return s ? [fill(s, v)] : [];
  };
  return { preamble, s1, s2: lead(LEAD_S2), s3: lead(LEAD_S3), s4: lead(LEAD_S4), s5, s6 };
}
