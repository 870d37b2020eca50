/* What the export dialog and the Settings dialog offer for a dossier's citation style and marking. */
import { CITATION_STYLE_IDS, CITATION_STYLE_SHORT_TITLES } from '../../../../shared/citation-styles';

export const STYLE_OPTIONS = CITATION_STYLE_IDS.map((id) => ({ value: id, label: CITATION_STYLE_SHORT_TITLES[id] }));

export const MARKINGS = ['CONFIDENTIAL', 'OFFICIAL-SENSITIVE', 'PRIVILEGED AND CONFIDENTIAL', 'DRAFT', 'NOT FOR PUBLICATION'];
