import { maskPersonalText } from './personal-text';

describe('personal data in complaint text', () => {
  it('masks mobiles, emails, ID numbers and long digit runs; leaves the rest', () => {
    expect(maskPersonalText('王主任(13812345678, wang@example.com)反映专线中断, 身份证610102199001011234X? 座机02988886666')).toBe(
      '王主任(138****5678, w***@example.com)反映专线中断, 身份证****************34X? 座机*********66',
    );
    expect(maskPersonalText('专线 2 次中断, 影响 300 人')).toBe('专线 2 次中断, 影响 300 人');
  });
});
