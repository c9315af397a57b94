// General English the assistant must not mistake for a shopper's topic. Stop-words are dropped;
// generic words are kept for ranking but barely count towards confidence, because a question
// is out of the brand's scope when its *topic* ("gift card", "opening hours") is absent from
// the pages, not when its verbs ("send", "forgot") are.

export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all am an and any anybody anyone anything are as at be because been before " +
    "being below between both but by can could did do does doing done down during each else even ever every few for " +
    "from further get gets getting got had has have having he her here hers herself him himself his how i if in " +
    "into is it its itself just let lets me might more most must my myself no nor not now of off on once only or " +
    "other our ours ourselves out over own same shall she should so some such than that the their theirs them " +
    "themselves then there these they this those through to too under until up upon us very was way we were what " +
    "whats when where which while who whom whose why will with would you your yours yourself yourselves yet " +
    "b c d e f g h j k l m n o p q r s t u v w x y z ll re ve " +
    "hi hello hey dear please pls plz thanks thank cheers ok okay yes yeah hiya morning afternoon evening " +
    "tell know let want wanted wanting need needs needed like wondering wonder wondered question questions ask " +
    "asking able possible also really still already actually maybe perhaps kind kindly anyway something " +
    "someway somehow go going gone went come comes coming see seen look looking help find " +
    "say said happen happens happened guys team brand online website site page com www http https " +
    "dont im ive id youre hows thats one may since till til " +
    // How strongly or crossly a shopper says it ("super late", "seriously??", "ugh"), never what about.
    "super totally extremely seriously honestly ridiculously incredibly absolutely lol omg ugh wtf"
  ).split(/\s+/),
);

/**
 * Common verbs, adjectives, adverbs and vague nouns that say how a shopper asks rather than what
 * about. Topic nouns (products, services, policies) must not be listed here.
 */
export const GENERIC_WORDS: readonly string[] = (
  "send sent sending put putting take took taken taking give gave given giving keep kept keeping bring brought " +
  "forgot forget forgotten remember enter entered attach attached attaching decide decided deciding mention " +
  "mentioned another part parts nothing anything everything says say saying report reporting reported extra " +
  "best better good great bad worse worst slow slowly next last first second new old different same other " +
  "never always sometimes often usually already soon later early late reach reached reaching mean means meant " +
  "check checked checking work works worked working leave left stay stayed wait waiting waited hold still " +
  "right wrong correct sure certain exactly just simply quite long short much many lot lots little big small " +
  "thing stuff way ways method methods option options case situation problem problems issue " +
  "issues matter matters sort type kind bit piece place happen deal dealing handle handled expect expected " +
  "allowed allow allows let able unable possible available need necessary required require requires " +
  "happens happened someone somebody anyone everyone nobody myself yourself something anywhere somewhere " +
  "today tomorrow yesterday now currently recently ago time times also even though although however " +
  "why still actually really basically literally anyway else okay fine bit whole half full entire " +
  "step steps process proceed start started begin continue finish finished done complete completed " +
  "try tried trying show showed shows tell told ask asked asking answer say said write wrote written " +
  "call called calling open opened close closed closing update updated find found seem seems seemed " +
  "hear heard hearing thought think thinking believe hope hoping feel felt guess suppose wonder instead rather whether " +
  "outside inside claim claims complaint complain policy policies rule rules terms conditions " +
  "exist exists existed anymore become becomes became party occasion event " +
  "straight enough hassle annoying inconvenient chance chances possibility likely unlikely mine yours look looks looked looking weird strange odd funny " +
  "nervous worried worry concerned anxious scared dinner wedding holiday vacation trip festival concert " +
  "do does did doing make makes made making get gets got getting go goes went going use uses using " +
  // When and how many: an hour or an amount says when or how much, not what about. Days of the week
  // are asked (retrieval.ts: "do you deliver on Sundays?" is answered by the days the pages name).
  "noon midnight tonight night " +
  "hundreds thousands dozens couple"
).split(/\s+/);

/** Particles of phrasal verbs ("send it back", "take it away"): the verb says what is meant. */
export const PARTICLES: ReadonlySet<string> = new Set(["back", "away", "along", "around"]);
