/**
 * The credit CDC asks of anyone using its public-domain ICD-10-CM content, kept apart from the
 * code table so the About page can show it without shipping the table to the browser.
 * icd10.test.ts checks that it says the same as the metadata of icd10cm.json.
 */
export const icd10Edition = 'ICD-10-CM FY2026';

export const icd10AttributionText =
  'ICD-10-CM code titles: Source: CDC/NCHS (FY2026). ICD-10-CM is published by the US Centers for Disease Control and Prevention\u2019s ' +
  'National Center for Health Statistics with CMS, as public-domain content of the US government; the underlying ICD-10 is copyrighted ' +
  'by the World Health Organization, which authorised the US adaptation. Use does not imply endorsement by CDC or HHS.';
