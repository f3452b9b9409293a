/**
 * The app's words in English and Simplified Chinese. Every key must exist in both (a missing translation is
 * a type error), and the browser test checks that no English is left on a zh-CN page.
 */
const en = {
  appName: 'Outfall Scout',
  tagline: 'Finding pollution discharge points in drone photos',
  signInTitle: 'Sign in',
  signInHelp: 'Paste the access token your administrator gave you. It is kept in this browser only.',
  tokenLabel: 'Access token',
  signInButton: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  badToken: 'This token is not valid, or it has been revoked.',
  offline: 'The server cannot be reached. Check the connection and try again.',
  language: 'Language',
  signedInAs: 'Signed in as {name}',
  roleLabel: 'Role:',
  mayDo: 'What you may do',
  'role.pilot': 'Pilot',
  'role.judge': 'Judge',
  'role.analyst': 'Analyst',
  'role.admin': 'Administrator',
  'role.worker': 'Analysis worker',
  'action.flight:create': 'Create flights',
  'action.flight:read': 'See flights and their progress',
  'action.flight:upload': 'Upload photos',
  'action.hotspot:read': 'See hotspots and their evidence',
  'action.hotspot:review': 'Confirm or reject hotspots',
  'action.report:download': 'Download GeoJSON, KML and CSV reports',
  'action.photo:read': 'See photos and their warnings',
  'action.photo:original': 'Download original photos',
  'action.token:manage': 'Manage access tokens',
  'nav.main': 'Main',
  'nav.upload': 'Upload',
  'nav.review': 'Review',
  'nav.map': 'Map',
  'nav.tokens': 'Tokens',
  comingSoon: 'This page is being built.',
};

export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = {
  appName: '排污口巡查',
  tagline: '在无人机照片中查找污染排放口',
  signInTitle: '登录',
  signInHelp: '请粘贴管理员发给您的访问令牌。令牌只保存在本浏览器中。',
  tokenLabel: '访问令牌',
  signInButton: '登录',
  signingIn: '正在登录…',
  signOut: '退出登录',
  badToken: '此令牌无效，或已被吊销。',
  offline: '无法连接服务器。请检查网络后重试。',
  language: '语言',
  signedInAs: '当前用户：{name}',
  roleLabel: '角色：',
  mayDo: '您可以',
  'role.pilot': '飞手',
  'role.judge': '审核员',
  'role.analyst': '分析员',
  'role.admin': '管理员',
  'role.worker': '分析节点',
  'action.flight:create': '创建航次',
  'action.flight:read': '查看航次及处理进度',
  'action.flight:upload': '上传照片',
  'action.hotspot:read': '查看疑似排放点及证据',
  'action.hotspot:review': '确认或排除疑似排放点',
  'action.report:download': '下载 GeoJSON、KML 和 CSV 报告',
  'action.photo:read': '查看照片及质量提示',
  'action.photo:original': '下载原始照片',
  'action.token:manage': '管理访问令牌',
  'nav.main': '主菜单',
  'nav.upload': '上传',
  'nav.review': '审核',
  'nav.map': '地图',
  'nav.tokens': '令牌',
  comingSoon: '此页面正在建设中。',
};

export const LANGUAGES = { en: 'English', 'zh-CN': '简体中文' } as const;
export type Language = keyof typeof LANGUAGES;
const MESSAGES: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** The browser's first language we speak (any zh is zh-CN), else English. */
export function preferredLanguage(languages: readonly string[]): Language {
  for (const l of languages) {
    if (/^zh\b/i.test(l)) return 'zh-CN';
    if (/^en\b/i.test(l)) return 'en';
  }
  return 'en';
}

export function translate(lang: Language, key: MessageKey, params: Record<string, string> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? `{${name}}`);
}
