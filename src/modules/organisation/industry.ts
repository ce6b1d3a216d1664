import { registerEnumType } from 'type-graphql';

/** 行业 — industry of a customer, and the industry an industry manager 行业经理 covers. */
export enum Industry {
  GOVERNMENT = 'GOVERNMENT',
  EDUCATION = 'EDUCATION',
  HEALTHCARE = 'HEALTHCARE',
  FINANCE = 'FINANCE',
  TRANSPORT = 'TRANSPORT',
  MANUFACTURING = 'MANUFACTURING',
  ENERGY = 'ENERGY',
  AGRICULTURE = 'AGRICULTURE',
  RETAIL = 'RETAIL',
  CONSTRUCTION = 'CONSTRUCTION',
  INTERNET = 'INTERNET',
  CULTURE_TOURISM = 'CULTURE_TOURISM',
  OTHER = 'OTHER',
}

registerEnumType(Industry, {
  name: 'Industry',
  description: '行业 — industry of a group customer.',
  valuesConfig: {
    GOVERNMENT: { description: '政府 — government and public administration' },
    EDUCATION: { description: '教育 — schools and universities' },
    HEALTHCARE: { description: '医疗卫生 — hospitals and health' },
    FINANCE: { description: '金融 — banks, insurance, securities' },
    TRANSPORT: { description: '交通物流 — transport and logistics' },
    MANUFACTURING: { description: '工业制造 — manufacturing' },
    ENERGY: { description: '能源 — energy, mining, utilities' },
    AGRICULTURE: { description: '农业 — agriculture' },
    RETAIL: { description: '商贸 — retail and trade' },
    CONSTRUCTION: { description: '建筑地产 — construction and real estate' },
    INTERNET: { description: '互联网 — internet and software' },
    CULTURE_TOURISM: { description: '文旅传媒 — culture, tourism and media' },
    OTHER: { description: '其他 — other' },
  },
});
