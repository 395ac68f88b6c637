/** Simplified Chinese, the default language. Every visible string of the site has a key here. */
export const zhCN = {
  app: {
    name: '一刻钟居家服务圈',
    shortName: '服务圈',
    subtitle: '社区工作台',
    loading: '正在加载…',
  },
  language: {
    label: '语言',
    zh: '中文',
    en: 'English',
  },
  menu: {
    home: '工作台',
  },
  signIn: {
    title: '社区工作人员登录',
    email: '邮箱',
    emailRequired: '请输入邮箱',
    emailInvalid: '邮箱格式不正确',
    password: '密码',
    passwordRequired: '请输入密码',
    submit: '登录',
    hint: '账号由平台运营统一开通。忘记密码请联系平台运营。',
    errors: {
      wrongPassword: '密码错误，请重新输入。',
      userNotFound: '该邮箱尚未开通账号，请核对邮箱或联系平台运营。',
      invalidCredential: '邮箱或密码错误，请重新输入。',
      invalidEmail: '邮箱格式不正确。',
      userDisabled: '该账号已停用，请联系平台运营。',
      tooManyRequests: '尝试次数过多，请稍后再试。',
      network: '网络连接失败，请检查网络后重试。',
      unknown: '登录失败，请稍后再试。',
    },
  },
  signOut: '退出登录',
  account: {
    notRegisteredTitle: '账号尚未开通',
    notRegisteredBody:
      '您已通过身份验证（{{email}}），但平台上还没有与之对应的工作人员账号。请联系平台运营开通账号并分配社区后再登录。',
    notStaffTitle: '本站仅供社区工作人员使用',
    notStaffBody:
      '您的账号（{{roles}}）不能使用社区工作台。家属和服务人员请使用手机应用“一刻钟居家服务圈”。',
    loadFailed: '无法读取您的账号信息',
    retry: '重试',
  },
  roles: {
    FAMILY: '家属',
    PROVIDER: '服务人员',
    VOLUNTEER: '志愿者',
    COMMUNITY_WORKER: '社区工作者',
    DISTRICT_OFFICIAL: '街道(民政)干部',
    ADMIN: '平台运营',
  },
  languages: {
    MANDARIN: '汉语',
    MONGOLIAN: '蒙古语',
  },
  home: {
    welcome: '您好，{{name}}',
    role: '角色',
    communitiesCovered: '负责社区',
    communitiesTitle: '我的社区',
    communitiesEmpty: '您还没有负责的社区，请联系平台运营分配。',
    communitiesLoadFailed: '无法读取社区列表',
  },
  community: {
    code: '社区编码',
    region: '行政区划代码',
    circleLimit: '服务圈时限',
    circleLimitValue: '{{minutes}} 分钟',
    languages: '服务语言',
    centre: '中心位置',
    centreValue: '北纬 {{lat}}°，东经 {{lon}}°',
  },
  problem: {
    network: '无法连接服务器，请检查网络后重试。',
    status: {
      '400': '请求内容不符合要求。',
      '401': '登录已失效，请重新登录。',
      '403': '您没有权限执行此操作。',
      '404': '找不到该内容，或您无权查看。',
      '409': '当前状态不允许此操作。',
      '500': '服务器出错了，请稍后再试。',
      other: '请求失败（{{status}}），请稍后再试。',
    },
    fieldErrors: '以下内容需要修改：',
  },
  notFound: {
    title: '页面不存在',
    body: '您访问的页面不存在或已移动。',
    backHome: '返回工作台',
  },
  config: {
    loadFailed: '无法读取登录配置，服务器可能尚未启动。',
  },
};

export type Translation = typeof zhCN;
