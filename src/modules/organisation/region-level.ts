/** The four levels of the region tree (DOMAIN.md: Organisation). */
export enum RegionLevel {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
  GRID = 'GRID',
}
