import { FileRefused } from '../../platform/files/spreadsheet';
import { CareLevel, ContactAttitude, DecisionRole } from '../contacts/contact.enums';
import { CustomerGrade, CustomerStatus, ManagementLevel } from '../customers/customer.enums';
import { Industry } from '../organisation/industry';

/*
 * The columns an import file has: Chinese headers as the templates in
 * examples/import/ have them, the API's field names accepted too; and the
 * words a cell may use for each enum (the API's value or its Chinese name).
 */

export interface ImportColumn<F extends string> {
  field: F;
  headers: readonly string[];
  required?: boolean;
}

export type CustomerField = 'name' | 'creditCode' | 'industry' | 'grade' | 'managementLevel' | 'regionCode' | 'accountManager' | 'memberCount' | 'monthlyRevenue' | 'status' | 'address';

export const CUSTOMER_COLUMNS: readonly ImportColumn<CustomerField>[] = [
  { field: 'name', headers: ['客户名称', 'name'], required: true },
  { field: 'creditCode', headers: ['统一社会信用代码', 'creditCode'] },
  { field: 'industry', headers: ['行业', 'industry'], required: true },
  { field: 'grade', headers: ['客户等级', 'grade'], required: true },
  { field: 'managementLevel', headers: ['管理层级', 'managementLevel'], required: true },
  { field: 'regionCode', headers: ['区域编码', 'regionCode'], required: true },
  { field: 'accountManager', headers: ['客户经理工号', 'accountManager'] },
  { field: 'memberCount', headers: ['集团成员数', 'memberCount'] },
  { field: 'monthlyRevenue', headers: ['月收入', 'monthlyRevenue'] },
  { field: 'status', headers: ['状态', 'status'] },
  { field: 'address', headers: ['地址', 'address'] },
];

export type ContactField = 'customer' | 'name' | 'title' | 'department' | 'careLevel' | 'decisionRole' | 'attitude' | 'mobile' | 'email' | 'birthday' | 'note';

export const CONTACT_COLUMNS: readonly ImportColumn<ContactField>[] = [
  { field: 'customer', headers: ['客户编码或统一社会信用代码', '客户编码', 'customer'], required: true },
  { field: 'name', headers: ['姓名', 'name'], required: true },
  { field: 'title', headers: ['职务', 'title'] },
  { field: 'department', headers: ['部门', 'department'] },
  { field: 'careLevel', headers: ['关怀级别', 'careLevel'], required: true },
  { field: 'decisionRole', headers: ['决策角色', 'decisionRole'] },
  { field: 'attitude', headers: ['态度', 'attitude'] },
  { field: 'mobile', headers: ['手机', 'mobile'] },
  { field: 'email', headers: ['邮箱', 'email'] },
  { field: 'birthday', headers: ['生日', 'birthday'] },
  { field: 'note', headers: ['备注', 'note'] },
];

/** The field each header cell names; WRONG_HEADERS naming what is unknown or missing. */
export function matchHeaders<F extends string>(columns: readonly ImportColumn<F>[]) {
  return (header: string[]): F[] => {
    const byName = new Map(columns.flatMap((column) => column.headers.map((name) => [name.toLowerCase(), column.field] as const)));
    const fields = header.map((cell) =>
      byName.get(
        cell
          .replace(/^\uFEFF/, '')
          .trim()
          .toLowerCase(),
      ),
    );
    const unknown = header.filter((_, i) => !fields[i]);
    const missing = columns.filter((column) => column.required && !fields.includes(column.field)).map((column) => column.headers[0]);
    const twice = fields.filter((field, i) => field && fields.indexOf(field) !== i);
    if (unknown.length || missing.length || twice.length) {
      const parts = [
        unknown.length ? `unknown columns: ${unknown.map((u) => `"${u}"`).join(', ')}` : '',
        missing.length ? `missing columns: ${missing.join(', ')}` : '',
        twice.length ? `columns given twice: ${twice.join(', ')}` : '',
      ].filter(Boolean);
      throw new FileRefused('WRONG_HEADERS', `The header row is wrong (${parts.join('; ')}). Expected: ${columns.map((c) => c.headers[0]).join(', ')}`);
    }
    return fields as F[];
  };
}

/** Chinese names of enum values, as spreadsheets write them (the API's descriptions say the same). */
const CHINESE: Record<string, string> = {
  政府: Industry.GOVERNMENT,
  教育: Industry.EDUCATION,
  医疗卫生: Industry.HEALTHCARE,
  金融: Industry.FINANCE,
  交通物流: Industry.TRANSPORT,
  工业制造: Industry.MANUFACTURING,
  能源: Industry.ENERGY,
  农业: Industry.AGRICULTURE,
  商贸: Industry.RETAIL,
  建筑地产: Industry.CONSTRUCTION,
  互联网: Industry.INTERNET,
  文旅传媒: Industry.CULTURE_TOURISM,
  省管: ManagementLevel.PROVINCE,
  地市管: ManagementLevel.CITY,
  区县管: ManagementLevel.COUNTY,
  网格管: ManagementLevel.COUNTY,
  潜在: CustomerStatus.PROSPECT,
  潜在客户: CustomerStatus.PROSPECT,
  在网: CustomerStatus.ACTIVE,
  沉默: CustomerStatus.DORMANT,
  离网: CustomerStatus.CHURNED,
  管理层: CareLevel.MANAGEMENT,
  关键人: CareLevel.KEY_PERSON,
  联络人: CareLevel.LIAISON,
  其他人员: CareLevel.OTHER,
  决策者: DecisionRole.DECISION_MAKER,
  影响者: DecisionRole.INFLUENCER,
  使用者: DecisionRole.USER,
  把关者: DecisionRole.GATEKEEPER,
  支持: ContactAttitude.SUPPORTER,
  中立: ContactAttitude.NEUTRAL,
  反对: ContactAttitude.OPPONENT,
};
/** 其他 is both an industry and (as 其他人员) a care level: by enum. */
const OTHER_WORDS = ['其他', 'other'];

/** The enum value a cell names (its code, any case, or its Chinese name), or null. */
export function enumValue<E extends Record<string, string>>(values: E, cell: string): E[keyof E] | null {
  const allowed = Object.values(values);
  const upper = cell
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  if (allowed.includes(upper)) return upper as E[keyof E];
  const chinese = CHINESE[cell.trim()];
  if (chinese && allowed.includes(chinese)) return chinese as E[keyof E];
  if (OTHER_WORDS.includes(cell.trim().toLowerCase()) && allowed.includes('OTHER')) return 'OTHER' as E[keyof E];
  return null;
}

export { CareLevel, ContactAttitude, CustomerGrade, CustomerStatus, DecisionRole, Industry, ManagementLevel };
