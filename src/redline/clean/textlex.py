"""The vocabulary of web pages, for telling a page's chrome from its story.

Patterns matched against single lines of a plain-text page by
``clean.text``: the site's calls to act and legal notices, navigation words,
date stamps, comment-section headings, picture credits and author boxes. Each
is web-interface language shared by many sites (in a few major languages,
since scraped pages come from everywhere), not the phrases of any one outlet.
"""
from __future__ import annotations

import re

# The site speaking to its reader: calls to act, legal notices, pointers to
# other content. News prose almost never uses these phrases except when
# reporting on a website.
UI_STRONG = re.compile(
    r"\b(?:(?:un)?subscri(?:be|ption)s?\b|sign(?:ing)?[ -]?(?:up|in)\b|log[ -]?(?:in|out)\b|newsletters?\b"
    r"|cookies?\b|terms (?:of (?:use|service)|and conditions)\b|privacy (?:policy|notice|settings)\b"
    r"|all rights reserved\b|follow (?:us|@)|like us on\b|share (?:this|on|via)\b"
    r"|click here\b|read more\b|continue reading\b|loading\b|advertisement\b|sponsored\b"
    r"|skip to\b|back to top\b|download (?:the|our) app\b|create an account\b|contact us\b"
    r"|see all\b|view all\b|most (?:read|popular|viewed)\b|powered by\b"
    r"|impressum\b|datenschutz\w*|anmelden\b|abonnieren\b|weiterlesen\b"
    r"|s'abonner\b|abonnez-vous\b|se connecter\b|mentions légales\b|lire (?:la suite|aussi)\b"
    r"|suscr[ií]b\w+|iniciar sesi[oó]n\b|leer m[aá]s\b|aviso legal\b|iscriviti\b|leggi anche\b"
    # comment forms under a post
    r"|leave a (?:comment|reply)\b|post a comment\b|cancel reply\b|your e-?mail address\b"
    r"|required fields\b|comment data\b|akismet\b|kommentar (?:schreiben|verfassen|abgeben)\b"
    r"|einen kommentar\b|antwort(?:en)? abbrechen\b|laisser un commentaire\b|deja un comentario\b"
    # pointers to other content: related lists, post navigation, author archives
    r"|related (?:posts|articles|stories|content)\b|you (?:may|might) also like\b|recommended for you\b"
    r"|more (?:from|stories|articles)\b|(?:previous|next) (?:post|article|story)\b|posts by\b"
    r"|ähnliche (?:beiträge|artikel|themen)\b|meist ?gelesen\w*|top[- ]themen\b|externer inhalt\b|registrieren\b"
    r"|top stories\b|editor'?s picks\b|more on this\b|what to read next\b|latest (?:news|stories|posts)\b"
    r"|lo más (?:leído|visto)\b|más noticias\b|últimas noticias\b|les plus lus\b|à lire également\b"
    r"|sur le même sujet\b|najczęściej czytane\b|zobacz (?:też|także)\b|più lett[ie]\b|potrebbe interessarti\b"
    r"|popular (?:posts|stories|articles)\b|recommended (?:stories|articles|reading)\b|per saperne di più\b"
    r"|verwandte (?:beiträge|artikel)\b|auch interessieren\b"
    r"|auch interessant\b|mehr zum thema\b|weitere (?:artikel|beiträge|meldungen)\b"
    r"|lesen sie auch\b|beitragsnavigation\b|alle beiträge\b|articles similaires\b|à lire aussi\b"
    r"|te puede interesar\b|(?:noticias|artículos) relacionad[oa]s\b"
    r"|(?:see|read) also\b|(?:vea|lea|lee|mira) también\b|le puede interesar\b|puedes ver\b|czytaj (?:też|także)\b"
    r"|dowiedz się więcej\b|article suivant\b"
    # sharing, donating, e-mail sign-up: the reader asked to act
    r"|jetzt teilen\b|(?:beitrag|artikel) teilen\b|teile diesen\b|zu teilen!"
    r"|share (?:the|this) (?:article|post|story)\b"
    r"|e-?mail[- ]?ad(?:d)?ress(?:e)?\b|to your inbox\b|in your inbox\b|per e-?mail (?:informiert|erhalten)\b"
    r"|donate\b|spenden?\b|support (?:us|our journalism)\b|unterstützen sie (?:uns|diese)\b|unterstütze (?:uns|das)\b"
    # licence and publishing furniture of blog engines
    r"|creative commons\b|^\W*copyright\b|permalink\b|this entry was posted\b|verschlagwortet\b|abgelegt unter\b"
    r"|(?:beitrag|eintrag) wurde (?:am .{0,40})?veröffentlicht\b"
    # comment-section rules
    r"|notify me\b|benachrichtige mich\b|your comment\b|(?:dein|ihr) kommentar\b|votre commentaire\b|tu comentario\b"
    r"|password\b|passwort\b"
    # advertising and affiliate disclosures
    r"|disclaimer\b|affiliate\b|(?:receive|earn) (?:a )?(?:small )?commission\b|provision vom händler\b"
    # shop buttons
    r"|add to (?:cart|basket)\b|in den warenkorb\b|buy now\b|jetzt kaufen\b|shop now\b"
    r"|netiquette\b|comments are moderated\b|para comentar\b)"
    r"|^\W*follow\b"
)  # matched against the lower-cased line: case-insensitive matching is several times slower
# Single navigation words: harmless in prose, telling on a 1-3 word line.
UI_WEAK = frozenset(
    """home menu search share print email e-mail comments comment reply next previous prev more tags tag
    archive archives contact about top rss facebook twitter instagram linkedin youtube whatsapp pinterest
    telegram tiktok flipboard reddit mail copy link links related login register startseite suche teilen
    drucken kontakt mehr kommentare kommentieren antworten abbrechen zurück weiter sharen liken tweet pdf
    download werbung anzeige accueil recherche partager inicio buscar compartir
    archiv kategorien categories category themen topics sections aktuelles news blog podcast podcasts video videos
    fotos photos galerie gallery shop abo portada noticias actualités rubriques imprimir compartilhar enviar""".split()
)
# A word, with inner apostrophes and hyphens ("don't", "re-open").
WORD = re.compile(r"\w+(?:['’-]\w+)*", re.U)
# Paragraphs end like sentences (maybe inside quotes or brackets); labels do not.
SENTENCE_END = re.compile(r"[.!?…]['\"”’»)\]]*\s*$")
# Separators between menu items ("Home | News | Sport").
SEPARATORS = re.compile(r"\s[|•·»›/]\s|\s?[|•·]\s?")
# A date or a clock time, as printed above a story or a comment.
STAMP = re.compile(
    r"\b\d{1,2}[.:]\d{2}\s*(?:[ap]\.?m\.?|uhr|h)?\b(?![.,]\d)|\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}\.? (?:jan|feb|mär|mar|apr|ma[iy]|jun|jul|aug|sep|okt|oct|nov|de[cz])\w*\.? \d{4}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d{1,2},? \d{4}\b"
)  # matched against the lower-cased line
# The heading of a comment section ("12 Comments", "Leave a reply").
COMMENTS_HEAD = re.compile(
    r"^\W*(?:\d+\s+)?(?:comments?|kommentare?|commentaires?|comentarios?|commenti|responses|replies|reactions)\W*$"
    r"|^\W*(?:\d+\s+)?(?:comments?|kommentare?|responses|replies) (?:to|on|zu)\b"
    r"|^\W*(?:leave|post|write) a (?:comment|reply)|^\W*(?:schreibe|hinterlasse) einen kommentar"
    r"|^\W*(?:laisser|ajouter) un commentaire|^\W*deja un comentario",
    re.I,
)
# Picture credits and captions' sources: "© Agency / Name", "Photo: Name",
# "(Foto: Agency)". A caption describes an image the text page no longer
# shows; the story is told without it.
CREDIT = re.compile(
    r"©|\(c\)\s|(?:^|[.(|/]\s*|\s)(?:fotos?|photos?|photograph|bild|image|credits?|quelle|source|abbildung|abb\.)"
    r"(?:\s*\d+)?\s*:|^\W*(?:photo|foto|bild|image)s? (?:by|von)\b|^\W*\w+(?:bild|foto):"
)  # matched against the lower-cased line
# The heading of an author box: "About the author", "Zur Person", "Autorin".
# The box (a name, a photo credit, a short biography) describes the writer,
# not the story, even when it sits between two of the story's paragraphs.
AUTHOR_HEAD = re.compile(
    r"^\W*(?:about (?:the )?authors?|(?:the )?authors?|autor(?:in|en)?|autoreninfo|über (?:den|die) autor(?:in)?"
    r"|zur person|über mich|about me|bio(?:graphy)?|à propos de l.auteur|l.auteur|sobre el autor|o autorze)\W*$",
    re.I,
)
# A line that is only a social handle, a URL or an e-mail address. The e-mail
# branch reads "\S+@\S+\.\w+" with its first "\S+" held to the first "@" after
# the first character: the same lines match, but a long run of "@" costs linear
# time instead of quadratic (a line of 100,000 "@" took minutes).
HANDLE_OR_URL = re.compile(
    r"^\W*(?:follow\s+)?@\w+\W*$|^\s*(?:https?://|www\.)\S+\s*$|^\s*\S[^\s@]*@\S+\.\w+\s*$", re.I)
# A paragraph introducing a person: "Ich bin Eva, Bloggerin ...", "Hi, I'm
# Sam", "Jane Roe is a senior writer at ...", "Hier schreibt Max über ...".
# Author boxes and "about me" blurbs open this way; matched on the original
# case, since the name's capitals tell it from "I am glad" or "ich bin mit".
_JOBS = (
    r"(?:writer|reporter|journalist|editor|correspondent|author|professor|expert|columnist|contributor|blogger"
    r"|founder|consultant|lecturer|researcher|fellow|analyst|producer|photographer|lawyer|attorney"
    r"|journalistin|redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|professor(?:in)?|expert(?:e|in)|kolumnist(?:in)?"
    r"|blogger(?:in)?|gründer(?:in)?|berater(?:in)?|wissenschaftler(?:in)?|rechtsanwalt|rechtsanwältin|fotograf(?:in)?"
    r"|journaliste|rédact(?:eur|rice)|auteur|periodista|redactor(?:a)?|autor(?:a)?)s?\b"
)
BIO = re.compile(
    r"^\W*(?i:(?:hallo|hi|hey|hello|servus|moin)\W+)?(?i:ich bin|i am|i['’]m|je suis|hier schreibt)\s+[A-ZÀ-Þ]"
    r"|^\W*(?i:hallo|hi|hey|hello|servus|moin)\W+(?i:ich bin|i am|i['’]m)\b"
    rf"|^\W*[A-ZÀ-Þ][\w'’.-]+(?:\s+[A-ZÀ-Þ][\w'’.-]+){{1,3}}\s+(?:is|ist|est|es)\s+(?:\S+\s+){{0,5}}?(?:\S*-)?(?i:{_JOBS})"
)
