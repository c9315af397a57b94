// Shopping topics shoppers ask a brand's assistant about that many help pages never cover: gift
// cards, loyalty schemes, store opening hours, payment plans. Each is a concept like those in
// synonyms.ts (its surface forms fold onto one term in questions and passages alike), with one
// more meaning: when a question names such a topic and the brand's pages never do, the pages
// cannot answer it, however well its other words ("order", "discount") match. A brand whose
// pages do cover the topic gets it as an ordinary, well-matched concept.

/** Topic → surface forms separated by "|" (normalised: lower-case, no accents, phrases allowed). */
const TOPICS: Readonly<Record<string, string>> = {
  giftcard: "gift card|gift cards|gift voucher|gift vouchers|gift certificate|e gift card|egift",
  loyalty:
    "loyalty|loyalty points|loyalty scheme|loyalty program|loyalty programme|reward points|rewards|reward scheme|points balance|membership|vip",
  concession:
    "student|students|student discount|nhs|military|key worker|key workers|teacher|teachers|first time customer|first time customers|first order discount|birthday|birthday discount|newsletter discount|sign up discount|welcome discount",
  sizeguide:
    "size guide|size chart|sizing chart|size charts|measurements|run small|runs small|run large|runs large|run big|true to size|fit guide|how do your sizes run|plus size|plus sizes|petite|size range|what sizes|what size|which size|size should i|size up|size down|between sizes|usually a|usually wear|normally wear|size am i|size do i|how does it fit|how do they fit|fit like",
  hours:
    "opening hours|opening times|open on|what time do you open|what time do you close|closing time|business hours|office hours|customer service hours|hours",
  storevisit:
    "one of your shops|your shops|to one of your shops|to a shop|to your shop|in your shop|at your shop|in a shop|your stores|one of your stores|in store|to a store|at your store|physical stores|return in store|return it in store|physical store|physical shop|shop in|store in|high street|boutique|showroom|flagship|in person|pick up in store|click and collect|collect in store|collect my order|pick up my order|pick up|store near|shop near|retail store|retail stores|stores in|any stores|have a store|have a shop|at a store|in a store|instore",
  stock:
    "back in stock|in stock|out of stock|restock|restocking|restocked|sold out|stock|reserve|reserved|hold an item|hold it for me",
  jobs: "job|jobs|career|careers|hiring|vacancy|vacancies|internship|work for you|work for your brand|work at",
  pricematch:
    "now on sale|now it s on sale|now its on sale|its now on sale|it s now on sale|on sale now|price has dropped|price dropped after|price match|price matching|match prices|match other|cheaper elsewhere|price promise|price difference|price adjustment|price drop|price dropped|goes on sale|went on sale|gone on sale|go on sale|cheaper now|price went down|price has gone down|price reduced after",
  freeshipping:
    "free shipping|free delivery|free postage|ship for free|deliver for free|shipping threshold|free standard delivery|spend over|minimum spend|spend a certain|orders over|free over|spend more than",
  // A label for sending a return back, as against the care labels on clothes.
  returnlabel:
    "return label|returns label|returning label|shipping label|postage label|prepaid label|pre paid label|prepaid return|prepaid|pre paid|printable label|print a label|print the label|label for my return|label for the return|return slip|returns slip|return form|returns form|returns portal|return portal",
  // A courier fetching a return from the shopper's home.
  returnpickup:
    "collect my return|collect the return|collect it from my|collect from my house|collect from my home|pick up my return|pick up the return|home collection|courier collection|collection from my|returns collection|pickup from my|schedule a pickup|book a collection|arrange a collection",
  // Where returns go: many pages never give the address.
  returnaddress:
    "return address|returns address|address i send|address i post|address i mail|address i ship|send my return to|post my return to|mail my return to|ship my return to|send it back to|send returns to|where do returns go|where does my return go|address do i send|address do i mail|address do i post|address do i ship|address to send|address should i send|where do i send my return|where do i send it back|where should i send my return|where to send my return|where do i post my return|where do i mail my return|warehouse address",
  // How long a credit, code or card stays usable: many pages never say.
  expiry:
    "expiry|expiry date|expiration date|does it expire|do they expire|will it expire|when does it expire|when do they expire|valid for|validity period|how long is it valid|how long does it last|use it by",
  // What customs cost the shopper, as against what customs need to know.
  dutycost:
    "charged import duties|charged duties|charged customs|pay import duties|pay duties|pay customs|pay import|customs charges|customs charge|customs fees|customs fee|import fees|import fee|import tax|import taxes|duty fees|duties and taxes|taxes and duties|import vat|vat|ddp|ddu|import charges|duty charges|customs bill|pay tax|pay taxes|sales tax",
  paymentplan:
    "klarna|afterpay|clearpay|laybuy|zip pay|instalment|instalments|installment|installments|pay later|buy now pay later|pay in 3|payment methods|payment options|ways to pay",
  wholesale: "wholesale|wholesaler|stockist|stockists|resell|reseller|trade account|bulk order",
  material:
    "lined|unlined|padded|padding|sheer|thick|thin|see through|material|materials|fabric|fabrics|made of|made from|cotton|linen|wool|polyester|silk|organic|stretchy|see through",
  care: "care instructions|care label|how to wash|how should i wash|how do i wash|care for|look after",
  warranty: "warranty|warranties|guarantee period",
  ethics:
    "clothes manufactured|products manufactured|items manufactured|are manufactured|is manufactured|get manufactured|ethical|ethically|ethically made|sustainable|sustainability|eco friendly|carbon|carbon neutral|cruelty free|vegan|test on animals|animals|fair trade|factory|factories|recyclable|recycled|recycle|recycling|plastic free|plastic|environment|environmental|charity|charities|donate|donation|donations|made in|where are your clothes made|where are your products made|where is it made|where are they made|country of origin|manufactured in|produced in",
  giftwrap:
    "gift wrapped|gift wrap it|wrapped as a gift|wrap as a gift|gift wrap|gift wrapping|gift message|gift box|gift receipt|wrap it",
  password: "password|reset my password|forgot my password",
  app: "app|apps|mobile app",
  callline:
    "customer care phone number|customer service phone number|support phone number|care phone number|customer care number|customer care line|phone number i can call|phone number to call|phone number to ring|number i can call|a number to call|call you|ring you|phone you|call your|ring your|phone line|helpline|hotline|over the phone|by phone|your phone number|your number|contact number|telephone number|customer service number|number to call|number i can call|call centre|call center",
  saleevent:
    "next sale|black friday|cyber monday|boxing day|sale start|sale starts|upcoming sale|summer sale|winter sale|big sale|next big sale|when is the sale|when is your sale|mid season sale|end of season sale|seasonal sale|sale dates",
  shipcost:
    "shipping i paid|delivery i paid|postage i paid|shipping i paid for|the shipping back|shipping cost back|shipping money back|shipping cost|shipping costs|cost of shipping|delivery cost|delivery costs|cost of delivery|how much is shipping|how much is delivery|how much does delivery|how much does shipping|shipping fee|shipping fees|delivery fee|delivery charge|delivery charges|postage cost|shipping price|standard delivery|paid for shipping|pay for shipping|paid for express|pay for express|paid for expedited|paid extra for|paid for next day|paid for faster|paid extra|paid for delivery|paid for postage|pay for delivery|paid delivery|delivery money|postage money|shipping refunded|shipping refund|refund shipping|refund the shipping|refund my shipping|refunded for shipping|shipping back|postage refunded|delivery refunded|delivery charge back|postage back|refund my postage|refund the postage|refund postage|postage refund|refund of postage|refund for postage|refund me postage",
  shiptime:
    "delivery time|delivery times|shipping time|shipping times|delivery take|shipping take|how long does shipping|how long does delivery|how long will delivery|how long is delivery|delivery usually take|delivery normally take|shipping usually take|days does delivery|days does shipping|days for delivery|days will delivery|take to arrive|take to be delivered|take to deliver|estimated delivery|delivery estimate|delivery timeframe|delivery time frame|delivery speed|next day delivery|express shipping|express delivery|same day delivery|expedited|standard shipping|shipping take",
  range: "mens|men s|menswear|kids|children|kidswear|womens range|mens range|home range",
  launch:
    "new collection|new collections|next collection|new arrivals|next drop|new drop|collection drop|collections drop|launch|launching|launches|new season|new styles|new range|upcoming collection|coming soon",
  productreviews:
    "product reviews|customer reviews|read reviews|see reviews|any reviews|leave a review|write a review|reviews of|review of your|ratings|star rating|trustpilot",
  currency: "currency|currencies|euros|euro|gbp|aud|cad|local currency|exchange rate",
  newsletter: "newsletter|newsletters|mailing list|unsubscribe|subscribe|marketing emails|promotional emails",
  accountadmin:
    "delete my account|close my account|delete account|deactivate|create an account|make an account|guest checkout|cant log in|can t log in|locked out",
  office:
    "are you based|is it based|based in|based out of|head office|headquarters|office address|registered address|you based|brand based|company based|business based|where are you located|headquartered|where are you from",
};

export const SHOP_TOPICS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(TOPICS).map(([topic, forms]) => [topic, forms.split("|")]),
);

/** Topic concepts whose absence from a brand's pages puts a question out of their scope. */
export const SCOPE_TOPICS: ReadonlySet<string> = new Set(Object.keys(TOPICS));
