/**
 * A host config close to Microsoft Teams' light theme (desktop): Segoe UI, Teams' text and
 * brand colours, its spacing and padding, six actions at most, inline show-cards.
 */
const TEXT = '#242424';
const SUBTLE = '#616161';

const foregroundColors = {
  default: { default: TEXT, subtle: SUBTLE },
  dark: { default: TEXT, subtle: SUBTLE },
  light: { default: '#FFFFFF', subtle: '#F3F2F1' },
  accent: { default: '#5B5FC7', subtle: '#7F85F5' },
  good: { default: '#0E700E', subtle: '#107C10' },
  warning: { default: '#8A3707', subtle: '#BC4B09' },
  attention: { default: '#C4314B', subtle: '#D13438' },
};

const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors });

const fontSizes = { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 };
const fontWeights = { lighter: 200, default: 400, bolder: 600 };

export const teamsHostConfig = {
  supportsInteractivity: true,
  choiceSetInputValueSeparator: ',',
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  imageSizes: { small: 32, medium: 52, large: 100 },
  fontStyles: {
    default: { fontFamily: "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif", fontSizes, fontWeights },
    monospace: { fontFamily: "Consolas, 'Courier New', monospace", fontSizes, fontWeights },
  },
  containerStyles: {
    default: style('#FFFFFF'),
    emphasis: style('#F5F5F5'),
    accent: style('#E8EBFA'),
    good: style('#F1FAF1'),
    attention: style('#FDF3F4'),
    warning: style('#FFF9F5'),
  },
  actions: {
    maxActions: 6,
    spacing: 'Default',
    buttonSpacing: 8,
    showCard: { actionMode: 'Inline', inlineTopMargin: 16, style: 'emphasis' },
    preExpandSingleShowCardAction: false,
    actionsOrientation: 'Horizontal',
    actionAlignment: 'Left',
  },
  adaptiveCard: { allowCustomStyle: false },
  factSet: {
    title: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Bolder', wrap: true, maxWidth: 150 },
    value: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Default', wrap: true },
    spacing: 16,
  },
  inputs: { label: { requiredInputs: { weight: 'Bolder', suffix: ' *', suffixColor: 'Attention' }, optionalInputs: { weight: 'Bolder' } } },
};
