import { FileRefused } from '../../platform/files/spreadsheet';
import { CareLevel, CUSTOMER_COLUMNS, enumValue, Industry, ManagementLevel, matchHeaders } from './import-columns';

describe('enumValue', () => {
  it('takes the API value in any case, or its Chinese name', () => {
    expect(enumValue(Industry, 'government')).toBe('GOVERNMENT');
    expect(enumValue(Industry, '医疗卫生')).toBe('HEALTHCARE');
    expect(enumValue(ManagementLevel, '地市管')).toBe('CITY');
    expect(enumValue(CareLevel, 'key person')).toBe('KEY_PERSON');
    expect(enumValue(CareLevel, '关键人')).toBe('KEY_PERSON');
  });

  it('other / 其他 is OTHER wherever OTHER exists, and nothing else passes', () => {
    expect(enumValue(Industry, '其他')).toBe('OTHER');
    expect(enumValue(CareLevel, '其他人员')).toBe('OTHER');
    expect(enumValue(ManagementLevel, '其他')).toBeNull();
    expect(enumValue(Industry, '航天')).toBeNull();
    expect(enumValue(Industry, '地市管')).toBeNull();
  });
});

describe('matchHeaders', () => {
  const match = matchHeaders(CUSTOMER_COLUMNS);
  it('maps Chinese or field-name headers in any order', () => {
    expect(match(['区域编码', 'name', '行业', 'GRADE', '管理层级'])).toEqual(['regionCode', 'name', 'industry', 'grade', 'managementLevel']);
  });

  it('refuses unknown, missing and repeated columns, naming them', () => {
    const refusal = (header: string[]) => {
      try {
        match(header);
      } catch (error) {
        return error as FileRefused;
      }
      throw new Error('accepted');
    };
    const wrong = refusal(['客户名称', '行业', '客户等级', '管理层级', '区域编码', '电话']);
    expect(wrong.code).toBe('WRONG_HEADERS');
    expect(wrong.message).toContain('unknown columns: "电话"');
    expect(refusal(['客户名称', '行业']).message).toContain('missing columns: 客户等级, 管理层级, 区域编码');
    expect(refusal(['客户名称', 'name', '行业', '客户等级', '管理层级', '区域编码']).message).toContain('columns given twice: name');
  });
});
