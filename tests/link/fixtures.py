"""Invented articles for the linking tests: fictional countries, people and outlets.

- "dam": a developing story over seven months, the Ostrel Dam dispute between
  Valdoria and Kestrania, whose wording drifts from water rights to shelling
  to a ceasefire and to drones;
- "cup": two sports reports from Valdoria (shares the country, not the story);
- "storm": a weather report from Kestrania's coast;
- "cheese": a trade dispute between Palmera and Norvasq over two months.
"""
from __future__ import annotations

ARTICLES = [
    {
        "story": "dam", "published": "2031-02-03", "title": "Valdoria warns Kestrania over Ostrel Dam filling",
        "keys": ["country:VAL", "country:KES", "place:ostrel-dam", "person:anka-morrow", "place:sarn-river"],
        "text": (
            "Valdoria's president Anka Morrow warned Kestrania on Monday that filling the reservoir behind the "
            "Ostrel Dam would cut the Sarn River flow to Valdorian farms by a third. Kestrania began filling the "
            "dam last week despite objections from downstream villages. Morrow said Valdoria would defend its "
            "water rights on the Sarn by every means. Kestranian officials said the dam would bring electricity "
            "to two million homes and that the river flow would recover after the reservoir filled. Farmers in "
            "the Sarn valley said irrigation canals were already running low."
        ),
    },
    {
        "story": "dam", "published": "2031-02-20", "title": "Talks on Ostrel Dam collapse as Valdoria moves troops to the Sarn",
        "keys": ["country:VAL", "country:KES", "place:ostrel-dam", "person:anka-morrow", "place:sarn-river",
                 "person:ilse-varga"],
        "text": (
            "Talks between Valdoria and Kestrania over the Ostrel Dam collapsed in the border town of Quill after "
            "Kestranian foreign minister Ilse Varga refused to slow the filling of the reservoir. Valdoria moved "
            "troops and artillery to the Sarn River border, and President Anka Morrow said the dam dispute had "
            "become a question of national survival. Varga accused Valdoria of threatening Kestrania over a "
            "lawful hydropower project. Water levels on the Sarn fell again this week."
        ),
    },
    {
        "story": "dam", "published": "2031-04-11", "title": "Shelling near the Ostrel Dam as border clashes spread",
        "keys": ["country:VAL", "country:KES", "place:ostrel-dam", "place:sarn-river", "place:quill",
                 "weapon:hx-9"],
        "text": (
            "Valdorian artillery shelled Kestranian positions near the Ostrel Dam overnight, and Kestrania answered "
            "with HX-9 rockets fired at the border town of Quill, local officials said. It was the heaviest fighting "
            "on the Sarn River border since the dam dispute began in February. Kestrania said the shelling had "
            "damaged a spillway of the dam, raising fears of flooding downstream. Valdoria said its troops had "
            "targeted rocket launchers, not the dam itself. Thousands of villagers fled the Sarn valley."
        ),
    },
    {
        "story": "dam", "published": "2031-06-02", "title": "Valdoria and Kestrania agree ceasefire around the dam",
        "keys": ["country:VAL", "country:KES", "place:ostrel-dam", "person:anka-morrow", "person:ilse-varga",
                 "org:lakeland-union"],
        "text": (
            "Valdoria and Kestrania agreed a ceasefire along the Sarn River border on Tuesday, after mediation by "
            "the Lakeland Union. Under the deal, Kestrania will slow the filling of the Ostrel Dam reservoir and "
            "Valdoria will pull its artillery back from the river. President Anka Morrow called the ceasefire a "
            "first step. Foreign minister Ilse Varga said Kestrania would let monitors inspect the damaged dam "
            "spillway. Refugees from the Sarn valley began to return to Quill."
        ),
    },
    {
        "story": "dam", "published": "2031-09-15", "title": "Drones strike the Ostrel Dam power station, ceasefire in doubt",
        "keys": ["country:VAL", "country:KES", "place:ostrel-dam", "place:sarn-river", "person:ilse-varga",
                 "org:lakeland-union"],
        "text": (
            "Drones struck the power station of the Ostrel Dam early on Monday, cutting electricity to much of "
            "Kestrania and putting the Sarn River ceasefire in doubt. Kestranian foreign minister Ilse Varga blamed "
            "Valdoria and said the ceasefire agreed in June was over. Valdoria denied any role in the drone attack. "
            "Lakeland Union monitors said they were investigating the strike on the dam and urged both sides to keep "
            "their artillery away from the Sarn River border."
        ),
    },
    {
        "story": "cup", "published": "2031-04-12", "title": "Valdoria reach the Continental Cup final",
        "keys": ["country:VAL", "org:brenn-athletic", "person:tomas-erdel", "place:harlow-stadium"],
        "text": (
            "Valdoria's national football team reached the Continental Cup final with a two-goal win at Harlow "
            "Stadium on Saturday. Striker Tomas Erdel scored twice in the second half, and the goalkeeper saved a "
            "penalty in stoppage time. Coach Bela Forn praised the defence and said the squad would rest before "
            "the final. Tomas Erdel, who plays his club football for Brenn Athletic, is now the top scorer of the "
            "tournament with seven goals. Fans celebrated in the streets of the capital."
        ),
    },
    {
        "story": "cup", "published": "2031-04-19", "title": "Erdel scores as Valdoria win the Continental Cup",
        "keys": ["country:VAL", "person:tomas-erdel", "person:bela-forn", "place:harlow-stadium"],
        "text": (
            "Tomas Erdel scored the winning goal as Valdoria beat Ostmark to win the Continental Cup final at "
            "Harlow Stadium. The striker headed in a corner in extra time, his eighth goal of the tournament. Coach "
            "Bela Forn said the football team had earned the cup with its defence and its patience. The goalkeeper "
            "kept a clean sheet for the fourth match in a row. The squad will parade the trophy through the capital."
        ),
    },
    {
        "story": "storm", "published": "2031-04-13", "title": "Storm floods Kestrania's southern coast",
        "keys": ["country:KES", "place:port-amsel"],
        "text": (
            "A winter storm flooded the southern coast of Kestrania on Sunday, with winds of 140 kilometres an hour "
            "and heavy rain closing the harbour at Port Amsel. Forecasters said the rainfall was the highest recorded "
            "in April for forty years. Coastal roads were closed and ferries cancelled. The weather service expects "
            "the storm to weaken over the mountains by Tuesday, with snow on high ground and cold temperatures "
            "through the week."
        ),
    },
    {
        "story": "cheese", "published": "2031-03-01", "title": "Palmera imposes tariffs on Norvasq cheese",
        "keys": ["country:PAL", "country:NOR", "person:ruben-sallow"],
        "text": (
            "Palmera imposed a tariff of 40 per cent on cheese imported from Norvasq, saying Norvasq dairy subsidies "
            "had flooded Palmeran markets with cheap cheese. Trade minister Ruben Sallow said the tariffs would "
            "protect Palmeran dairy farmers. Norvasq called the tariffs an unfair trade barrier and said it would "
            "complain to the Trade Council. Cheese exports are Norvasq's third largest export to Palmera."
        ),
    },
    {
        "story": "cheese", "published": "2031-04-14", "title": "Norvasq retaliates with tariffs on Palmeran wine",
        "keys": ["country:PAL", "country:NOR", "person:ruben-sallow", "org:trade-council"],
        "text": (
            "Norvasq retaliated against Palmera's cheese tariffs with a 35 per cent tariff on Palmeran wine and "
            "olive oil, deepening the trade dispute between the two neighbours. Palmeran trade minister Ruben Sallow "
            "said the retaliation broke trade rules and that Palmera would ask the Trade Council to rule on the "
            "dispute. Norvasq dairy farmers welcomed the move. Wine exporters in Palmera warned that the tariffs "
            "would cost them a fifth of their export sales."
        ),
    },
]
