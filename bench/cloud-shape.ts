// Cloud-shaped tags for the relevance bench: what a Gemini answer would hold for a clip-art file (a
// caption sentence, keywords, objects, style words, colour names), derived from the file's embedded
// metadata and its measured palette. An index of these instead of the metadata fields is the other
// shape production indexes have, so ranking changes are judged on both.
import type { CloudTags, Tag } from '../src/core/types.ts';
import { emptyCloudTags } from '../src/core/bigbrain/prompt-and-schema.ts';
import { nearestColorName } from '../src/core/palette.ts';

/** Keywords that describe the file, not the picture. */
const NOT_CONTENT = new Set(['clip art', 'clipart', 'clip-art', 'image', 'media', 'public domain', 'svg', 'png', 'hash', 'openclipart', 'externalsource', 'inkscape', 'remix', 'how i did it', 'unchecked']);
const STYLE_WORDS = new Set(['cartoon', 'icon', 'icons', 'silhouette', 'outline', 'line art', 'lineart', 'sketch', 'drawing', 'comic', 'glossy', 'flat', 'vintage', 'retro', 'cute', 'symbol', 'logo', 'photorealistic', '3d', 'black and white', 'coloring book', 'colouring book']);
const MAX_CAPTION_DETAIL = 140;

function firstSentence(text: string): string {
  const sentence = text.split(/(?<=[.!?])\s/)[0] ?? '';
  return sentence.length > MAX_CAPTION_DETAIL ? sentence.slice(0, MAX_CAPTION_DETAIL).replace(/\s+\S*$/, '') : sentence.replace(/[.!?]$/, '');
}

/** Titles like "Clipart by Nicu Buculei - birthday_cake" keep their subject part, in plain words. */
function plainTitle(title: string): string {
  const subject = title.includes(' - ') ? title.split(' - ').at(-1)! : title;
  return subject.replace(/[_]+/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function cloudShapedTags(embedded: readonly Tag[], palette: readonly string[]): CloudTags {
  const cloud = emptyCloudTags();
  const title = plainTitle(embedded.find((tag) => tag.field === 'title')?.text ?? '');
  const description = embedded.find((tag) => tag.field === 'description')?.text ?? '';
  const keywords = [...new Set(embedded.filter((tag) => tag.field === 'keyword').map((tag) => tag.text.toLowerCase().trim()))].filter(
    (word) => word && !NOT_CONTENT.has(word),
  );
  cloud.colors = [...new Set(palette.map(nearestColorName).filter((name): name is string => name !== null))].slice(0, 6);
  cloud.style = keywords.filter((word) => STYLE_WORDS.has(word)).slice(0, 3);
  cloud.style.push(cloud.colors.length <= 2 && cloud.colors.every((c) => c === 'black' || c === 'white' || c === 'gray') ? 'line art' : 'clip art');
  cloud.objects = keywords.filter((word) => !STYLE_WORDS.has(word)).slice(0, 10);
  cloud.tags = [...new Set([title, ...keywords].filter(Boolean))].slice(0, 15);
  const subject = title || cloud.objects[0] || 'picture';
  const detail = description ? firstSentence(description) : '';
  const colour = cloud.colors.find((c) => c !== 'white' && c !== 'black');
  cloud.caption = `A ${colour ? colour + ' ' : ''}${cloud.style[0]} ${subject}${detail && detail.toLowerCase() !== subject ? `: ${detail}` : ''}.`;
  cloud.altText = `${subject} illustration`;
  return cloud;
}
