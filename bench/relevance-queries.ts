// The query sets of bench/relevance.ts. Each query's answers are the corpus files from the openclipart
// folder(s) it names (a folder includes its sub-folders).

/** Category names: the folder's own word. */
export const CATEGORY_QUERIES: Record<string, string> = {
  bird: 'animals/birds',
  insect: 'animals/bugs',
  mammal: 'animals/mammals',
  house: 'buildings/homes',
  'computer hardware': 'computer/hardware',
  drink: 'food/beverages',
  dessert: 'food/desserts',
  fruit: 'food/fruit',
  meat: 'food/meats_and_eggs',
  bread: 'food/breads_and_carbs',
  clothing: 'people/clothing',
  'smiley face': 'people/smilies',
  flower: 'plants/flowers',
  'musical instrument': 'recreation/music',
  sport: 'recreation/sports',
  toy: 'recreation/toys',
  clock: 'signs_and_symbols/clocks',
  flag: 'signs_and_symbols/flags',
  weather: 'signs_and_symbols/weather',
  boat: 'transportation/boating',
  car: 'transportation/vehicles',
  'road sign': 'transportation/roadsigns',
  weapon: 'tools/weapons',
  arrow: 'shapes/arrows',
};

/** The same answers asked in other words: what the category name alone would not find. */
export const PARAPHRASE_QUERIES: Record<string, string> = {
  'flying animal with feathers': 'animals/birds',
  'creepy crawly bugs': 'animals/bugs',
  'furry creature': 'animals/mammals',
  'a place to live': 'buildings/homes',
  'pc parts': 'computer/hardware',
  'something to drink': 'food/beverages',
  'sweet treat': 'food/desserts',
  'apples and oranges': 'food/fruit',
  'steak or sausage': 'food/meats_and_eggs',
  'baked goods': 'food/breads_and_carbs',
  'garments to wear': 'people/clothing',
  'happy face emoticon': 'people/smilies',
  blossom: 'plants/flowers',
  'guitar piano drums': 'recreation/music',
  'ball games and athletes': 'recreation/sports',
  'playthings for children': 'recreation/toys',
  'what time is it': 'signs_and_symbols/clocks',
  'national banner': 'signs_and_symbols/flags',
  'rain and clouds': 'signs_and_symbols/weather',
  'sailing on the sea': 'transportation/boating',
  automobile: 'transportation/vehicles',
  'traffic warning': 'transportation/roadsigns',
  'sword or gun': 'tools/weapons',
  'pointer showing direction': 'shapes/arrows',
};

/**
 * Descriptions the way designers type them into a search box: style words, examples, lists, the use
 * they have in mind. Written for this bench (none is from the issue or the sets above). The tuning half
 * chooses parameters; the held-out half is only measured.
 */
export const DESCRIPTION_TUNING: Record<string, string> = {
  'cute cartoon puppy and kitten clipart': 'animals/mammals',
  'parrot, owl or eagle illustration': 'animals/birds',
  'ladybug and butterfly stickers': 'animals/bugs',
  'cozy cottage with a chimney': 'buildings/homes',
  'keyboard, mouse and monitor': 'computer/hardware',
  'coffee cup and teapot graphics': 'food/beverages',
  'birthday cake with candles': 'food/desserts',
  'cherries strawberries bananas': 'food/fruit',
  'fried eggs and bacon for a breakfast menu': 'food/meats_and_eggs',
  'croissant and loaf for a bakery sign': 'food/breads_and_carbs',
  't-shirt, dress and hat vector': 'people/clothing',
  'yellow emoji with different expressions': 'people/smilies',
  'tulips and roses line art': 'plants/flowers',
  'violin trumpet saxophone': 'recreation/music',
  'soccer ball and tennis racket': 'recreation/sports',
  'shiny gold stars': 'shapes/stars',
  'chess pieces, dice and playing cards': 'recreation/games',
  'globe with continents': 'geography',
  'stapler, pencil and paper clip': 'office',
  'bright buttons for a software toolbar': 'computer/icons',
};

export const DESCRIPTION_HELD_OUT: Record<string, string> = {
  'wild animals like lion elephant giraffe': 'animals/mammals',
  'hummingbird in flight': 'animals/birds',
  'beetle, spider or ant': 'animals/bugs',
  'ice cream cone and chocolate': 'food/desserts',
  'bottle of wine and glass of beer': 'food/beverages',
  'pineapple and watermelon slices': 'food/fruit',
  'rubber duck, kite or yo-yo': 'recreation/toys',
  'watch dial showing the hours': 'signs_and_symbols/clocks',
  'banners of countries of the world': 'signs_and_symbols/flags',
  'sun, snowflake and thunderstorm for a forecast': 'signs_and_symbols/weather',
  'sailboat and ship on the waves': 'transportation/boating',
  'pickup truck, bus and motorcycle': 'transportation/vehicles',
  'stop and yield signs for the street': 'transportation/roadsigns',
  'medieval knife, axe or bow': 'tools/weapons',
  'curved direction pointers for a diagram': 'shapes/arrows',
  'sheet music notes and treble clef': 'recreation/music',
  'seamless background tiles and textures': 'special/patterns',
  'map markers for a tourist map': 'signs_and_symbols/map_symbols',
  'light bulbs, batteries and circuits': 'electronics',
  'school books for a classroom': 'education',
};

/**
 * A second held-out half, written in a later round before any of that round's ranking changes and
 * never used to choose anything: the first held-out half had been looked at query by query.
 */
export const DESCRIPTION_HELD_OUT_2: Record<string, string> = {
  'goldfish, shark or tropical fish': 'animals/fish',
  'tyrannosaurus and other prehistoric reptiles': 'animals/dinosaurs',
  'cowboy hat, cap and top hat': 'people/clothing/hats',
  'old rotary phone and mobile handset': 'office/telephone',
  'planets, moon and telescope for a space poster': 'geography/astronomy',
  'flowchart boxes and decision diamond': 'shapes/flowchart',
  'speech bubbles for a comic': 'shapes/callouts',
  'puzzle pieces that fit together': 'shapes/jigsaw',
  'balloons and confetti for a party invitation': 'recreation/party',
  'christmas tree, easter eggs and halloween pumpkin': 'recreation/holiday',
  'cross, star of david and other faith symbols': 'recreation/religion',
  'hands, eyes and feet': 'people/bodypart',
  'stick figure people doing things': 'people/stickmen',
  'ace of spades and a deck of cards': 'recreation/games/cards',
  'airport pictograms like baggage claim and restrooms': 'transportation/aiga-symbols',
  'trees, leaves and potted plants': 'plants',
  'castle, church and skyscraper': 'buildings',
  'jars, boxes and baskets': 'containers',
  'open book and stack of textbooks': 'education/books',
  'glossy web buttons with rounded corners': 'computer/buttons',
};

export const QUERY_SETS = {
  category: CATEGORY_QUERIES,
  paraphrase: PARAPHRASE_QUERIES,
  'description (tuning)': DESCRIPTION_TUNING,
  'description (held out)': DESCRIPTION_HELD_OUT,
  'description (held out 2)': DESCRIPTION_HELD_OUT_2,
} as const;
export type QuerySetName = keyof typeof QUERY_SETS;

/** Sets whose folders only the full corpus holds (the default one has 40 files of each category folder and a few distractor folders). */
export const FULL_CORPUS_ONLY: readonly QuerySetName[] = ['description (held out 2)'];

/** The query sets measured on a corpus. */
export function querySetsFor(full: boolean): QuerySetName[] {
  return (Object.keys(QUERY_SETS) as QuerySetName[]).filter((name) => full || !FULL_CORPUS_ONLY.includes(name));
}
