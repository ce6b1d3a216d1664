/** Deterministic Chinese names for demo data: the same seed gives the same people. */
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = [
  '建国',
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '晓东',
  '志强',
  '海燕',
  '文博',
  '思远',
  '子涵',
  '浩然',
  '雨萱',
  '俊杰',
  '欣怡',
  '宏伟',
  '晓峰',
  '春梅',
  '立新',
  '卫东',
  '红梅',
  '振华',
  '玉兰',
  '德明',
  '国栋',
  '雪梅',
  '永刚',
  '天佑',
  '佳琪',
  '嘉怡',
  '鹏飞',
];

export function chineseName(index: number): string {
  const surname = SURNAMES[(index * 7 + 3) % SURNAMES.length];
  const given = GIVEN[(index * 13 + Math.floor(index / SURNAMES.length)) % GIVEN.length];
  return `${surname}${given}`;
}

/** A small deterministic pseudo-random generator (mulberry32) for repeatable demo data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
