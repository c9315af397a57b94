// The assistant's vocabulary for post-purchase care, kept as data so the care team can extend it
// without touching the ranking code. Shoppers rarely use the words of a brand's help page
// ("money back" for "refund", "jumper" for "item"), so both questions and passages are mapped
// onto the same concepts before retrieval.
import { SHOP_TOPICS } from "./concepts.ts";

/**
 * Concept → surface forms separated by "|" (lower-case, accents removed; phrases allowed). Every form is replaced by
 * the concept in passages and questions alike. Longer phrases win over shorter ones.
 */
export const CONCEPTS: Readonly<Record<string, readonly string[]>> = Object.fromEntries([
  ...Object.entries({
    refund:
      "refund|refunds|refunded|money back|moneyback|reimbursement|reimburse|reimbursed|repay|repayment|money|paid back|pay me back",
    storecredit: "store credit|credit note|credit|credits|store voucher",
    parcel: "parcel|parcels|package|packages|shipment|shipments|consignment",
    packaging: "packaging|box|boxes|wrapping|packet|bag it came in",
    deliver:
      "turn up|turns up|reaching you|receive|received|receives|receiving|turned up|came|deliver|delivers|delivered|delivery|deliveries|arrive|arrived|arrives|arrival|once it lands|when it lands|it lands|has landed|it landed|reaches you|reached you|gets to you|get to you|got to you|arrives with you|arrived with you|lands with you|arrives back|arrived back|gets back to you|made it to you|makes it to you",
    ship: "leaves the warehouse|left the warehouse|leave the warehouse|leaves your warehouse|left your warehouse|leaves the building|postage to|posting to|mailed out|ship|ships|shipped|shipping|ship to|deliver to|send to|post to|ship out|order from|buy from|shop from|dispatch|dispatched|dispatches|sent out|send out|post out|posted out|on its way|on the way|on their way|makes its way|make its way",
    exchange:
      "trade|trades|traded|trade my|trade it|trade this|trade them|exchange|exchanges|exchanged|swap|swaps|swapped|switch it|replace it with|trade it|straight swap|direct swap|like for like|straight exchange|simple swap|swap it|swap for|exchanged for|trade in|trade for",
    discount:
      "discount code|discount codes|discount|discounts|promo code|promo codes|promo|promotional code|voucher|vouchers|voucher code|coupon|coupons|coupon code|code i forgot|offer code",
    sale: "sale|sales|on sale|reduced items|clearance|markdown|marked down|reduced|reduced stuff|reduced price|reduced prices|discounted items|on offer",
    finalsale:
      "final sale|marked as no returns|marked no returns|marked as non returnable|marked non returnable|labelled no returns|says no returns",
    excluded:
      "non returnable|nonreturnable|not returnable|do not accept|does not accept|not accepted|will not be accepted|can not be returned|can not return|can not be sent back|no returns|exclude|excluded|excluding|exempt|exceptions|exception|not eligible|ineligible|can not i return|can i not return|can not i send back|can not send back|not allowed to return|non refundable|what items can|which items can|are there items|anything i can not",
    apply:
      "knock it off|knock that off|pop it in|pop in my|pop my code|use my code|use the code|use a code|use my discount|apply|applies|applied|applying|add|added|adding|redeem|redeemed|put in the code|enter the code|enter my code|use the code|use my code",
    // Ways of asking that say nothing about the topic: "apply for a collaboration" is about collaborations.
    "": "like other shops|other shops|other stores|other brands|other retailers|other companies|everyone else|on your end|at your end|your end|on your side|at your side|try to|trying to|tried to|cost effective|after one day|after a day|after 1 day|after two days|after 2 days|after a few days|after a week|after one week|after a couple of days|after one wear|after wearing it once|on the first day|arrived with|came with|turned up with|arrived like that|came like that|does not fit|doesn t fit|did not fit|didn t fit|not fit|minutes ago|minute ago|mins ago|min ago|hours ago|hour ago|hrs ago|an hour ago|days ago|a day ago|weeks ago|a week ago|a while ago|while ago|last week|last night|yesterday|this morning|earlier today|dollars|dollar|bucks|quid|pounds|cents|pence|i recycled|recycled the|recycled it|recycled my|put it in the recycling|including|apply for|applying for|sign up for|register for|ask for|asking for|looking for|the following|as follows|threw away|thrown away|throw away|throwing away|binned|chucked|got rid of|get rid of",
    fail: "could not drop|tried to deliver|attempted to deliver|missed my delivery|failed delivery|failed to deliver|fail|failed|fails|unsuccessful|unable to deliver|could not deliver|missed delivery|attempted delivery",
    accept: "accept|accepts|accepted|acceptance|take returns",
    pay: "pay|paid|pays|paying|payment|payments|paypal|pay pal|apple pay|google pay|shop pay|visa|mastercard|amex|american express|payment method|original payment method|paid with|paid by",
    // Products (and parts of them) that shoppers name where the pages say "item": a zip, a stove.
    item: "zip|zipper|button|buttons|seam|seams|strap|straps|hem|sleeve|lining|sole|item|items|item s|product|products|garment|garments|clothes|clothing|piece|pieces|dress|dresses|top|tops|jumper|jumpers|sweater|sweaters|pullover|cardigan|shirt|shirts|t shirt|tshirt|blouse|jeans|trousers|pants|skirt|skirts|jacket|jackets|coat|coats|hoodie|leggings|shorts|shoes|trainers|sneakers|boots|outfit|stuff|things|thing|goods|merchandise|item|gear|kit|equipment|tent|tents|stove|backpack|rucksack|bottle|mug|cup|lamp|candle|candles|pillow|cushion|blanket|towel|duvet|mattress|chair|sofa|rug|vase|plate|bowl|pan|kettle|toaster|blender|headphones|earbuds|charger|cable|speaker|phone case|laptop|camera|toy|toys|lipstick|mascara|foundation|serum|moisturiser|moisturizer|cream|shampoo|conditioner|perfume bottle|sandals|heels|slippers|socks|gloves|mittens|beanie|cap|suit|blazer|vest|bodysuit|jumpsuit|romper|gown|kimono|parka|fleece|gilet|tracksuit|joggers|sweatshirt|sweatpants|polo|tee|tank|camisole|corset|tights|bag|bags|tote|clutch|backpacks|suitcase|luggage",
    fault:
      "faulty|fault|faults|defective|defect|defects|broken|broke|split|splitting|snapped|snap|snaps|came off|fell off|come off|came undone|come undone|undone|unravel|unraveled|unravelling|frayed|fraying|stain|stained|stains|peeling off|bobbled|pilling|faded|damaged|damage|flaw|flawed|ripped|rip|torn|tear|hole|holes|not working|falling apart|fell apart|came apart|manufacturing fault|poor quality|stitching|split seam|bobbling|coming apart|coming undone|coming off|falling off|falls apart|fallen apart|came loose|coming loose|fell to pieces|ripping|tearing|hole in|scratched|scratch|dented|cracked|crack|chipped|wonky|misprinted|misprint|doesn t work|does not work|stopped working",
    amend:
      "amend|amends|amended|amending|amendment|amendments|modify|modified|modification|change|changes|changed|changing|edit|edits|editing|update|updating|correct|correction|fix a mistake|alter my order|add an item|add another item|add items|add something|add more items|add to my order|add it to my order|remove an item|remove items|take an item off|fix|fixed|fixing|mistake|mistakes|typo|typos|misspelt|misspelled|misspelling",
    changemind:
      "gone off|gone off it|went off it|do not fancy|don t fancy|change your mind|change my mind|changed my mind|changed your mind|no longer want|don t want it anymore|do not want it anymore|not want it anymore|regret|regrets|regretting|regretted|second thoughts|having second thoughts|do not need it|don t need it|no longer need|changed our mind|impulse|on impulse|impulse buy|buyer s remorse|buyers remorse",
    duration:
      "refund clock|clock start|clock starts|the clock|start counting|count from|for ages|ages|forever|a long time|so long|long time|hour|hours|hr|hrs|minute|minutes|min|mins|how long do i have to wait|how long will i have to wait|how long do i need to wait|how long have i got to wait|how long|how many days|how many weeks|how soon|how quickly|how fast|processing time|processing times|process time|turnaround|turnaround time|when will|when do|when should|when can|what time frame|day|days|week|weeks|month|months|year|years|timeframe|time frame|period|working days|business days|working day|business day",
    // How long a shopper has (a window), as against how long something takes.
    deadline:
      "longer time to|more time to|extra time to|extension|longer to return|longer to send|a longer time|more time for|is it too late|too late to return|too late to send|too late to get a refund|too late for a refund|too late to report|too late to claim|too late for a return|how many days have i got|how many days have i|how long have i|how many days do i get|how long do i get|how much time do i have|how much time have i got|window|deadline|time limit|within|no later than|how long do i have|how many days do i have|how long have i got|how long i have|last day|latest",
    track:
      "track|tracks|tracking|tracked|trace|follow|follows|following|keep an eye on|see where|where is my|where s my|wheres my|where are my|whereabouts",
    return:
      "return|returns|returned|returning|send back|send it back|sending back|send them back|sent back|post back|ship back|give back|bring back|take back",
    fee: "restocking|restocking fee|restocking charge|restock fee|free|free of charge|no charge|at no cost|fee|fees|cost|costs|charge|charges|charged|how much|deducted|deduct|deduction|get taken off|gets taken off|be taken off|taken off my refund|taken out of my refund|knocked off|knock off|subtracted|subtract|withheld|withhold|keep some of|charge me|charge for|pay for|pay to|have to pay|need to pay|do i pay|who pays",
    lost: "did not turn up|not turn up|has not turned up|have not turned up|nothing on my porch|not on my porch|nothing at my door|not at my door|can not find it anywhere|nowhere to be found|did not come|has not come|have not come|not come|not shown up|not turned up|never reached|not reached|did not reach|has not reached|have not reached|lost in transit|nothing came|nothing arrived|nothing has arrived|never showed up|lost|lose|stolen|theft|never arrived|never came|never turned up|never got|never received|not arrived|not arrive|does not arrive|did not arrive|has not arrived|have not arrived|hasn t arrived|not received|did not receive|have not received|not turned up|not delivered|disappeared|gone missing|went missing|never delivered|never been delivered|was never delivered|was not delivered|wasn t delivered|never made it|did not make it|didn t make it|not make it|never got there|never reached you|never reached|goes missing|go missing|going missing|gets lost|get lost|got lost|vanished|disappear|someone took|took my package|took my parcel|taken from outside|taken from my door|taken from my doorstep|from my doorstep|porch pirate|stole|stole it|nicked",
    missing:
      "came without|arrived without|turned up without|delivered without|without the|part of my order|some of my order|half my order|half of my order|only got|only received|one item short|is not there|was not there|were not there|not there|was not in|were not in|is not in the|missing|missed|left out|not included|not in the parcel|not in my parcel|absent|incomplete|are gone|were gone|was gone|is gone|things are gone|items are gone|item short|items short|one short|short one|short of",
    contact:
      "contact|contacting|contacted|get in touch|reach out|reaching out|reach you|speak|talk|chat|message|write to|live chat|web chat|webchat|chat feature|chat function|chat box|chatbox|chat window|online chat|reach someone|reach somebody|reach a person|get hold of|get a reply|get a response|hear back|hear back from|reply|replies|respond|response|responses|dm|direct message",
    support:
      "customer service|customer services|customer care|customer support|support team|care team|help team|support",
    photo: "photo|photos|photograph|photographs|picture|pictures|image|images|pic|pics|snapshot",
    country:
      "where i live|where i am|where i am based|where i m based|where i stay|my city|my town|country|countries|international|internationally|abroad|overseas|worldwide|world",
    // Not "used": "use our chat" and "an unused code" are no matter of wear.
    wear: "wear|wears|wearing|worn|wore|unworn|tried on it|signs of wear",
    customs: "customs|duty|duties|clear customs|border",
    identity:
      "id|identification|id number|national id|identity number|identity|tax id|tax identification number|tax number|tax code|tax no|rfc|passport number",
    phone: "phone|telephone|mobile|cell|phone number|mobile number",
    email: "email address|e mail address|email addresses|email|emails|e mail|mail|inbox|mailed",
    address:
      "address|delivery address|shipping address|postcode|zip code|post code|house number|house|flat number|apartment number",
    courier:
      "who brings|who actually brings|who delivers|who will deliver|who will bring|who is delivering|which company delivers|who does the delivery|who does the last bit|courier|couriers|carrier|carriers|delivery company|delivery firm|shipping provider|shipping company|delivery service|postal service|postman|driver|delivery guy|delivery man|delivery person|delivery driver|local courier|dhl|ups|fedex|usps|royal mail|evri|hermes|dpd",
    inspect:
      "check it|check them|check my item|check the item|check my items|checked over|looks at it|look at it|looked at it|someone looks at|take a look at it|have a look at it|get checked|be checked|gets checked|being checked|checked by|check over|look over|go through|go over|dealt with|deal with|dealing with|inspect|inspected|inspection|inspecting|examine|examined|assess|assessed|unpack|process|processed|processing",
    post: "drop off|drop it off|drop the return off|drop my return off|dropped off|dropped it off|drop the parcel off|post|posted|posting|postal|post office|proof of postage|proof of posting|postage receipt|certificate of posting|proof of return|proof i sent",
    card: "bank account|card|bank card|credit card|debit card|new account|new card",
    account: "account|accounts|log in|login|logging|sign in|signing in|profile",
    size: "size|sizes|sizing|fit|fits|too small|too big|too large|smaller|bigger",
    color:
      "color|colors|colour|colours|shade|shades|black|white|red|blue|green|pink|navy|beige|brown|gray|purple|yellow|orange|khaki|burgundy|different color|another color|other color",
    person:
      "talk to someone|speak to someone|speak to somebody|talk to somebody|person|human|agent|representative|rep|real person|staff|operator|member of your team|member of staff",
    notify:
      "heard nothing|not heard|have not heard|no news|no update|no word|nothing back|notify|notifies|notified|notifying|notification|notifications|let me know|let you know|keep me posted|alert|alerted",
    cancel:
      "scrap it|scrap|scrapped|cancel|cancels|cancelled|canceled|cancelling|canceling|cancellation|cancellations|stop my order|call off|call it off|calling it off|called it off|call off my order|cancel it|scrap my order|scrap the order|back out|pull out of|void my order|kill my order",
    order:
      "reorder|re order|order again|new order|order|orders|ordered|purchase|purchases|purchased|bought|buy",
    express: "next day|same day|express|expedited|overnight|priority shipping|premium delivery|nominated day",
    // Where a shopper lives, as against a country by name: "do you deliver to my area".
    location: "location|locations|area|areas|region|regions|my part of the world|my postcode area",
    // Where a local courier leaves a parcel for collection.
    pickup:
      "pickup|pickups|pickup location|pickup locations|pickup point|pick up point|pick up location|collection point|collection points|parcel shop|parcel locker|locker|lockers|depot|sorting office|post office to collect|collect it from",
    // A parcel that arrived opened or tampered with, as against a faulty product.
    opened:
      "opened|torn open|ripped open|tampered|tampered with|been opened|was open|came open|arrived open|arrived opened|split open|burst open",
  }).map(([concept, forms]) => [concept, forms.split("|")]),
  ...Object.entries(SHOP_TOPICS),
]);

/**
 * Weaker links, used only to expand a question, with how much a match through the link counts
 * (a direct match counts 1): a shopper asking where a delivery is may be answered by a passage
 * about shipping; one asking for a refund may be answered by the store-credit rule.
 */
export const RELATED: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  deliver: { ship: 0.5, parcel: 0.45 },
  ship: { deliver: 0.5, parcel: 0.45, country: 0.4 },
  parcel: { order: 0.5, deliver: 0.5 },
  packaging: { parcel: 0.6 },
  order: { parcel: 0.5 },
  track: { ship: 0.4, courier: 0.45 },
  refund: { storecredit: 0.7 },
  storecredit: { refund: 0.6 },
  lost: { missing: 0.5, courier: 0.4 },
  missing: { lost: 0.5 },
  cancel: { amend: 0.45, changemind: 0.6 },
  changemind: { cancel: 0.6 },
  amend: { cancel: 0.45 },
  contact: { email: 0.5, support: 0.5 },
  support: { contact: 0.5, email: 0.5 },
  email: { contact: 0.5 },
  person: { support: 0.5, contact: 0.5 },
  exchange: { size: 0.4, color: 0.4, return: 0.4 },
  size: { exchange: 0.45 },
  color: { exchange: 0.45 },
  customs: { identity: 0.5, country: 0.5 },
  identity: { customs: 0.5 },
  sale: { finalsale: 0.8 },
  finalsale: { sale: 0.6 },
  accept: { excluded: 0.7, return: 0.4 },
  excluded: { accept: 0.6 },
  courier: { track: 0.45 },
  deadline: { duration: 0.5 },
  duration: { deadline: 0.4 },
  inspect: { return: 0.45 },
  post: { lost: 0.4 },
  // Details of an order: a page that only speaks of changing an order still answers changing them.
  address: { amend: 0.5 },
  phone: { amend: 0.5 },
  location: { country: 0.7, ship: 0.4 },
  country: { ship: 0.5, location: 0.6 },
  pickup: { courier: 0.5 },
  opened: { fault: 0.4, parcel: 0.3 },
};

/**
 * Place names a shopper may ask about; they mean "a country" unless a passage names them,
 * which the engine checks before expanding.
 */
export const PLACES: readonly string[] = [
  "australia",
  "canada",
  "usa",
  "america",
  "uk",
  "britain",
  "england",
  "ireland",
  "france",
  "germany",
  "spain",
  "italy",
  "portugal",
  "netherlands",
  "belgium",
  "sweden",
  "norway",
  "denmark",
  "finland",
  "poland",
  "switzerland",
  "austria",
  "greece",
  "japan",
  "china",
  "india",
  "brazil",
  "argentina",
  "chile",
  "colombia",
  "mexico",
  "turkey",
  "dubai",
  "uae",
  "emirates",
  "saudi",
  "qatar",
  "singapore",
  "malaysia",
  "philippines",
  "indonesia",
  "thailand",
  "korea",
  "zealand",
  "africa",
  "nigeria",
  "kenya",
  "egypt",
  "israel",
  "europe",
  "asia",
];

/** British spellings shoppers use, mapped to the form the concept table and passages expect. */
export const SPELLING: Readonly<Record<string, string>> = {
  colour: "color",
  colours: "colors",
  jewellery: "jewelry",
  organise: "organize",
  authorise: "authorize",
  authorised: "authorized",
  apologise: "apologize",
  minimise: "minimize",
  programme: "program",
  centre: "center",
  enquiry: "inquiry",
  licence: "license",
  instalment: "installment",
  instalments: "installments",
  favourite: "favorite",
  catalogue: "catalog",
  grey: "gray",
  travelling: "traveling",
  labelled: "labeled",
  // A shopper names where they live by its adjective ("my Mexican address"); pages name the country.
  australian: "australia",
  canadian: "canada",
  american: "america",
  british: "britain",
  english: "england",
  irish: "ireland",
  french: "france",
  german: "germany",
  spanish: "spain",
  italian: "italy",
  portuguese: "portugal",
  dutch: "netherlands",
  belgian: "belgium",
  swedish: "sweden",
  norwegian: "norway",
  danish: "denmark",
  finnish: "finland",
  polish: "poland",
  swiss: "switzerland",
  austrian: "austria",
  greek: "greece",
  japanese: "japan",
  chinese: "china",
  indian: "india",
  brazilian: "brazil",
  argentinian: "argentina",
  chilean: "chile",
  colombian: "colombia",
  mexican: "mexico",
  turkish: "turkey",
  emirati: "emirates",
  singaporean: "singapore",
  malaysian: "malaysia",
  filipino: "philippines",
  indonesian: "indonesia",
  thai: "thailand",
  korean: "korea",
  nigerian: "nigeria",
  kenyan: "kenya",
  egyptian: "egypt",
  israeli: "israel",
  european: "europe",
  asian: "asia",
};
