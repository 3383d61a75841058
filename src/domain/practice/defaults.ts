import { type NamedPrompt, type PracticeSettings, settingDefaults } from './settings.js';

/**
 * The seeds name the FORCE movements but do not define them. This is Liminal's editable
 * starting point, not the approach's definition: settings label it as such until a practice
 * writes its own.
 */
export const defaultForceMovements: NamedPrompt[] = [
  { key: 'f', name: 'Finding ground', prompt: 'How are we arriving today, each of us? What makes this space safe enough?' },
  { key: 'o', name: 'Opening', prompt: 'What is present now, in the body, the feelings, the story being told?' },
  { key: 'r', name: 'Relating', prompt: 'What is happening now between us? What does our relationship show us?' },
  { key: 'c', name: 'Connecting', prompt: 'How does this connect with the client’s relationships, culture and systems?' },
  { key: 'e', name: 'Emerging', prompt: 'What is new, or wants to emerge? What will we carry forward?' },
];

/** Also named but not listed in the seeds: an editable default, labelled as such. */
export const defaultCommonFactors: NamedPrompt[] = [
  { key: 'presence', name: 'Presence', prompt: 'Being fully here with one another.' },
  { key: 'safety', name: 'Safety', prompt: 'Enough safety to explore what is hard.' },
  { key: 'attunement', name: 'Attunement', prompt: 'Feeling felt and understood.' },
  { key: 'recognition', name: 'Recognition', prompt: 'Being seen in one’s culture, history and wisdom.' },
  { key: 'reciprocity', name: 'Reciprocity', prompt: 'Mutual influence; both people bring something.' },
  { key: 'belonging', name: 'Belonging', prompt: 'A place among people, communities and land.' },
  { key: 'meaning', name: 'Meaning', prompt: 'Making sense together of what is lived.' },
  { key: 'hope', name: 'Hope', prompt: 'A felt sense that change is possible.' },
];

export const defaultPracticeSettings: PracticeSettings = { ...settingDefaults };
