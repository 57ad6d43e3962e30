"""Selector data only: what markup means what, shared by many sites.

Nothing here names a host. Each entry says which markup it targets, with an
example; the tests of the extractor (tests/test_body.py, test_related.py,
test_byline.py...) hold pages shaped like that markup.
"""

from __future__ import annotations

# Elements that never hold article text. Those metadata reads (<script> for
# JSON-LD, <link>, <meta>, <head>) go after metadata; the rest before anything.
METADATA_TAGS = ("script", "link", "meta", "head")
JUNK_TAGS = (
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object",
    "embed", "video", "audio", "map", "button", "input", "select", "textarea",
    "dialog", "link", "meta", "head",
    # ruby readings: <ruby>子<rt>こ</rt></ruby>ども reads "子ども", not "子こども"
    "rt", "rp",
)  # fmt: skip

# Page furniture: site navigation, sidebars, footers. Dropped unless they hold
# most of the page's text (a few sites wrap the whole page in one of these).
FURNITURE_TAGS = ("nav", "aside", "footer", "menu")
# ARIA roles of the same furniture: <div role="navigation">, <div role="dialog">
FURNITURE_ROLES = (
    "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog",
    "menu", "menubar", "search",
)  # fmt: skip

# Class and id words of boilerplate blocks. Matched at the start of a word of
# the class or id ("share-bar", "shareBar", "post_share"), case-insensitive.
BOILERPLATE_WORDS = (
    # share bars and social buttons: <div class="share-tools">, <ul class="social-links">
    "share", "sharing", "social", "sociable", "addthis", "sharethis", "shariff",
    # newsletter and subscription boxes: <div class="newsletter-signup">
    "newsletter", "subscribe", "subscription", "signup", "sign-up", "optin", "mailing",
    # cookie and consent banners: <div id="cookie-notice">, <div class="gdpr">
    "cookie", "consent", "gdpr", "cmp-",
    # login, registration and password widgets: <div class="login_box">
    "login", "signin", "sign-in", "registration", "password", "passport", "modal",
    "popup",
    # comment threads and forms: <section id="comments">, <div id="disqus_thread">
    "comments", "comment-", "comment_", "commentlist", "disqus", "discussion",
    "respond",
    # related and recommended lists: <div class="related-posts">, <div class="outbrain">
    "related", "recommend", "readmore", "read-more", "more-stories", "morestories",
    "more-from", "outbrain", "taboola", "zergnet", "trending", "most-read", "mostread",
    "most-popular", "up-next", "next-article", "also-read",
    # advertising and promotion: <div class="ad-slot">, <div class="advert">
    "advert", "adsense", "adslot", "ad-slot", "ad-container", "ad-wrapper", "adwrap",
    "dfp-", "gpt-ad", "sponsor", "promo",
    # site furniture: breadcrumbs, pagination, sidebars, widgets, menus, footers
    "breadcrumb", "pagination", "pager", "sidebar", "widget", "navbar", "nav-",
    "masthead", "site-header", "site-footer", "footer", "toolbar", "tools",
    # affiliate and sponsorship disclosures and shopping widgets:
    # <p class="affiliate-disclosure">, <div class="product-embed">
    "affiliate", "disclosure", "disclaimer", "product-embed", "product-card", "product-box",
    # tag lists: <ul class="tag-list">, <div class="article-tags">
    "tag-list", "taglist", "tags-",
    # text meant for screen readers only: <span class="sr-only">
    "sr-only", "screen-reader", "visually-hidden", "visuallyhidden", "a11y",
    # slideshows and galleries, whose captions repeat: <div class="slideshow">
    "slideshow", "carousel", "lightbox", "gallery",
    # charts drawn in HTML, whose labels are not sentences: <div class="ai2html">
    "ai2html",
    "skip-", "skiplink",
    # author cards and bylines (read for metadata before cleaning)
    "author-bio", "authorbio", "about-author", "author-box", "byline", "dateline",
    # reading-time lines: <span class="reading-time">
    "reading-time", "readingtime", "read-time", "readtime", "min-read",
    # a forum post's signature and poster card: <div class="post-signature">,
    # <dl class="postprofile"> (a bare "signature" is matched whole, below)
    "post-signature", "postsignature", "message-signature", "postprofile", "post-profile",
    # a forum poster's panel beside the post: <div class="userinfo">, <div class="avatar">
    "userinfo", "user-info", "user-details", "userdetails", "poster-info", "posterinfo",
    "member-info", "memberinfo", "avatar",
    # a wiki's section edit links: <span class="mw-editsection">[edit]</span>
    "editsection",
)  # fmt: skip

# Class words of the block that holds an article's text (WordPress, Blogger,
# hAtom and common CMS templates: <div class="c-entry-content">): never removed
# as boilerplate.
ARTICLE_BODY_CLASSES = (
    "entry-content", "post-body", "post-content", "article-body", "article-content",
    "articleBody", "story-body", "article-text", "body-text", "entry-body", "post-entry",
)  # fmt: skip

# Class and id words of comment threads, which hold prose but are never the article.
COMMENT_WORDS = ("comment", "disqus", "discussion", "respond", "reply", "replies")

# Class and id words that are boilerplate only as whole words: as prefixes they
# would catch "address", "hidden-xs" (shown on large screens), "respond-to".
BOILERPLATE_WHOLE_WORDS = (
    # advertising: <div class="ad">, <aside class="ads">
    "ad", "ads", "adv", "advertisement", "ad-unit", "ad-block",
    # hidden blocks: <div class="hidden">, <div class="d-none">
    "hidden", "hide", "d-none", "invisible",
    # comment replies: <div class="reply">
    "reply",
    # menus, rails and tool links: <ul class="menu">, <div class="rail">
    "menu", "rail", "print", "skip", "tags", "banner", "overlay",
    # a forum post's signature: <div class="signature"> ("signature-dish" is a recipe)
    "signature",
    # a forum poster's panel: <section class="message-user"> ("message-userContent" is the post)
    "message-user",
    "register",
)  # fmt: skip

# Paragraph text that is boilerplate wherever it stands (whole block match).
BOILERPLATE_TEXT = (
    # reading time: "5 min read", "Reading time: 4 minutes",
    # "Reading this article requires 9 Minute"
    r"(?:estimated\s+)?(?:reading|read)\s+(?:time|this article requires)\s*:?"
    r"\s*\d+\s*min(?:ute)?s?",
    r"\d+\s*(?:-\s*)?min(?:ute)?s?\s+read",
    r"阅读(?:本文)?(?:需要|时间)[:：]?\s*\d+\s*分钟",
    # editor credits: "Editor/XingWentao", "Editor: Jane Doe", "责任编辑：张三"
    # (after a "report an error" control: "【纠错】 责任编辑： 焦鹏")
    r"(?:[【\[]纠错[】\]]\s*)?(?:editor|edited by|责任编辑|编辑)\s*[/:：]\s*\S.{0,40}",
    # view, comment and share counters: "1,204 views", "12 comments"
    r"[\d.,]+\s*[km]?\s+(?:views?|reads?|comments?|shares?|likes?|readers?)",
    # share and follow prompts
    r"(?:share|share this|share this (?:article|story|post)|share on \w+|tweet|email|print)",
    r"follow us on .{0,60}",
    # app prompts: "Get the latest news straight to your phone with the VI Consortium app.",
    # "Download our free app for iOS" (not a how-to's step: "Install the Maps app.")
    r"(?:get|download|install)\b.{0,40}\b(?:news|stories|headlines|updates|alerts)\b.{0,40}"
    r"\b(?:with|in|on) (?:the|our) [\w' -]{0,40}\bapps?",
    r"(?:download|install|get) (?:our|the free) [\w' -]{0,40}\bapps?"
    r"(?: (?:for|on|from) [\w &-]{0,30})?",
    # "Get the Guardian app", "Download the BBC News app for iOS and Android"
    r"(?:download|get) the [\w' -]{0,40}\bapps?(?: (?:for|on|from|in) (?:the )?(?:ios|android"
    r"|iphone|ipad|google play|app store|apple|windows|mac)\b[\w &-]{0,30})?",
    r"(?:like|liked|enjoy|enjoyed|love) this (?:story|article|post)\?.{0,60}",
    # advertising labels, in the languages of our users
    r"(?:advertisement|advertising|advert|sponsored|ad|story continues below(?: advertisement)?)",
    r"(?:anzeige|werbung|publicité|publicidad|pubblicità|publicidade|reklama|реклама|"
    r"إعلان|广告|廣告|広告|광고|advertentie|annons|mainos)",
    # login and password widgets
    r"(?:retrieve|forgot(?: your)?|reset) password\??",
    r"get (?:the )?verification code",
    r"(?:log ?in|sign ?in|sign ?up|register)(?: (?:now|here|for free))?",
    # newsletter prompts
    r"sign up (?:for|to) (?:our|the) .{0,60}newsletter.{0,80}",
    r"subscribe to (?:our|the) .{0,60}newsletter.{0,80}",
    # disclaimers: "【免责声明】本文仅代表作者本人观点...", "Disclaimer: ..."
    r"[【\[]?(?:免责声明|免責聲明|disclaimer)[】\]:：].{0,400}",
    # update lines standing apart from the byline: "Updated at 1:23 p.m.",
    # "Aktualisiert am 17.01.2021", "Mis à jour le 3/4/2022"
    r"(?:last\s+|zuletzt\s+)?(?:updated|modified|aktualisiert|geändert|mis à jour|actualizado"
    r"|aggiornato|atualizado|bijgewerkt|обновлено"
    # and the same line for the first version: "Erstellt am: 01.11.2023", "Published 3/4/22"
    r"|published|posted|veröffentlicht|publié|publicado|pubblicato|gepubliceerd|опубликовано"
    # ("Created 1 January 1901" may be a fact of the article)
    r"|(?:created|erstellt)(?=\s*:|\s+(?:at|on|am)\b))"
    r"(?:\s+(?:at|on|am|le|el|il|em|op))?\s*:?\s*(?=\D{0,20}\d)"
    r"(?:\d+\s+(?:sec|min|hour|hr|day|week|month|year)[a-z]*\s+ago|"
    r"(?:[\d:/.,+-]+(?:st|nd|rd|th|t|z)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    r"|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|[ap]\.?m\.?|[a-z]{1,2}[sd]?t|gmt|utc"
    r"|at|à|às|um|om|alle|uhr|в)\s*){1,8}",
    # rating prompts: "Rate this article", "Artikel bewerten", "Was this article helpful?"
    r"(?:rate|bewerten sie|évaluez|valora|valuta) (?:this|diesen|dieses|cet|este|questo)"
    r" (?:article|story|post|artikel|beitrag|artículo|articolo)",
    r"(?:artikel|beitrag) bewerten|was this (?:article|page|post) helpful\??",
    # a post's meta line: "05/10/2018 - Posted by: Jane Doe - Category: Health - Tags: ..."
    r"(?:[\d/.,: ]{4,20}[-–|·] *)?(?:posted|publicado|publié|pubblicato|veröffentlicht)\s+"
    r"(?:by|por|par|da|von)\b"
    r"[^\n]{0,80}[-|·–]\s*(?:(?:categor(?:y|ies|ia|ie|ías)|tags?|etiquetas)\s*[:：]|filed under\b)"
    r"[^\n]{0,200}",
    # a WordPress button shortcode the site failed to render: "[button link=...]Send it[/button]"
    r"\[(?P<shortcode>[a-z_]*button)\b[^\]]*\][^\n]{0,200}\[/(?P=shortcode)\]",
    # copyright lines
    r"(?:copyright|©).{0,120}",
    r".{0,80}all rights reserved\.?",
)

# A like button's count, boilerplate outside a table ("+1" may be a table's figure).
LIKE_COUNT = (r"[+＋]1",)

# Credits some sites glue to the end of the last paragraph:
# "...attended the meeting.Editor/XingWentao", "...。（责任编辑：张三）"
TRAILING_CREDITS = (r"[(（]?(?:editor|edited by|责任编辑|编辑)\s*[/:：]\s*[\w .·'-]{1,40}[)）]?",)

# Words one of which every consent-notice sentence below holds: a cheap test
# before the full patterns.
CONSENT_WORDS = ("cookie", "consent", "privacy", "personal data", "legitimate", "accept all",
                 "reject all", "manage ")  # fmt: skip

# Sentences of cookie and consent notices: prose, but never an article's. A page
# whose prose is mostly these is a consent wall.
CONSENT_TEXT = (
    r"\b(?:this|our) (?:web ?)?site uses cookies\b",
    r"\bwe use cookies\b",
    r"\bwe (?:and our (?:\d+ )?partners )?(?:store|use|process)\b.{0,60}"
    r"\b(?:cookies|personal data)\b",
    r"\b(?:necessary|essential|functional|analytics?|advertising|performance) cookies\b",
    r"\bcookies? (?:policy|settings|preferences|notice)\b",
    r"\bwe value your privacy\b",
    r"\blegitimate interest\b",
    r"\b(?:accept|reject) all\b",
    r"\bmanage (?:options|preferences|consent|settings)\b",
    r"\byou (?:may|can) (?:accept|manage|withdraw)\b.{0,40}\b(?:consent|choices|cookies)\b",
)

# Short headings that open a comment thread, where an article ends:
# "Comments (2)", "3 comments", "Leave a Reply", "Post a comment"
COMMENT_HEADINGS = (
    r"comments(?:\s*\(\d+\))?",
    r"\d+\s+(?:comments?|responses?|replies)",
    r"(?:responses|replies)\s*\(\d+\)",
    r"(?:leave|post|add|write)\s+(?:a|your)\s+(?:comment|reply|response)",
    r"(?:join|start) the (?:discussion|conversation)",
    r"what do you think\?",
    r"(?:\d+\s+)?(?:kommentare?|commentaires?|comentarios?|comentários|commenti|reacties)",
    r"(?:\d+\s+)?(?:komentarze|комментарии)",
    r"(?:добавить|оставить|написать) (?:отзыв|комментарий)",
    r"评论(?:\s*[(（]\d+[)）])?",
    r"コメント(?:\s*[(（]\d+[)）])?",
    r"댓글",
)

# Classes and ids of the page's own standfirst, dek or summary bullets.
HIGHLIGHT_WORDS = (
    # <p class="standfirst">, <h2 class="article-dek">, <div class="subtitle">
    "standfirst", "dek", "deck", "subtitle", "sub-title", "subhead", "sub-head", "strapline",
    "lede", "lead-text", "intro", "teaser", "excerpt", "summary", "abstract",
    # bullet summaries: <ul class="key-points">, <div class="highlights">,
    # <div class="article__points">
    "highlights", "key-points", "keypoints", "points", "takeaways", "tldr", "bullets",
    "article-description",
)  # fmt: skip

# Class words that hold a highlight word and are not highlights: Bootstrap's
# <div class="card-deck"> is a row of cards.
NOT_HIGHLIGHT_WORDS = ("card-deck",)

# Headings of a box of summary bullets shown above the body:
# <h2>Key points</h2><ul>...</ul>, <h2>この記事のポイント</h2>
HIGHLIGHT_HEADINGS = (
    r"key (?:points|takeaways|facts|events)",
    r"(?:the )?highlights",
    r"in (?:brief|short)",
    r"(?:quick )?summary",
    r"at a glance",
    r"tl;? ?dr",
    r"what (?:you need|to) know",
    r"das wichtigste(?: in kürze)?",
    r"en bref",
    r"l'essentiel",
    r"en resumen",
    r"in sintesi",
    r"(?:この記事の)?ポイント",
    r"要点",
    r"摘要",
    r"核心提示",
)

# Headings that introduce a related-articles list: <h3>Related articles</h3>
RELATED_HEADINGS = (
    r"related(?: articles| stories| posts| news| content| reading| coverage| links)?",
    r"more (?:from|on|about|in|stories|news|articles|like this)\b.{0,40}",
    r"(?:read|up|what to read) next",
    r"(?:you )?(?:may|might) also (?:like|enjoy|be interested in)",
    r"recommended(?: for you| reading| stories| articles)?",
    r"(?:see|read) also",
    r"also (?:read|on|see)\b.{0,40}",
    r"further reading",
    # in the other languages of our users
    r"(?:à |a )?lire aussi|sur le même sujet|mehr zum thema",
    r"(?:weitere|ähnliche) (?:artikel|beiträge|news|nachrichten|meldungen|videos)",
    r"(?:autres|plus de) (?:articles|vidéos)|(?:más|mais|altri) (?:videos|vídeos|video)",
    r"das könnte sie auch interessieren|(?:lee|leia|veja|leggi) (?:también|também|anche)",
    r"(?:noticias|notícias|artículos|articoli) (?:relacionad[ao]s|correlati)",
    r"(?:te|le) puede interesar|potrebbe interessarti",
    r"читайте также|похожие (?:статьи|новости)",
    r"相关(?:文章|新闻|阅读|推荐)",
    r"関連(?:記事|ニュース)",
)

# Headings among the related ones that title the article's own apparatus (a
# wiki's "See also" above its references), not other pages' teasers.
APPARATUS_HEADINGS = (
    r"(?:see|read) also|further reading|siehe auch|voir aussi|véase también|vedi anche",
)

# Headings of lists that promote the site's popular pages: not the article, and
# not related to it either.
POPULAR_HEADINGS = (
    r"most (?:popular|read|viewed|shared)(?: (?:now|today|this week|stories|articles|news|posts))?"
    r"(?: in [\w&]+(?: [\w&]+)?)?",
    r"(?:popular|trending)(?: (?:now|today|posts|stories|articles|news))?(?: in [\w&]+)?",
    r"(?:les )?plus lus|meistgelesen|lo más leído|(?:i )?più letti|mais lidas",
    r"самые популярные(?: статьи| новости| материалы)?",
)

# Classes of the short elements that title a block, when it is not an <h2>-<h6>:
# <div class="related_title"><span>Related articles</span></div>
TITLE_WORDS = ("title", "heading", "headline", "hd", "label", "header")

# Classes and ids of related-article blocks: <div class="related-articles">
RELATED_WORDS = (
    "related", "recommend", "more-stories", "morestories", "more-from", "read-next",
    "readnext", "up-next", "also-read", "see-also",
)  # fmt: skip

# Classes and ids of image captions and credits, kept in Markdown but not in the
# plain-text body: <p class="wp-caption-text">, <span class="photo-credit">
CAPTION_WORDS = ("caption", "credit", "photo-credit", "image-credit", "media-credit", "copyright")

# Lines that credit or describe a picture, by how they start ("Photo: AP",
# "Image 2 of 5") or end ("... (Image: GETTY)", "... Getty Images").
CAPTION_STARTS = (
    r"(?:photo|image|picture|credit|foto|bild|video)s?(?: credit)?\s*:\s*\S.{0,80}$",
    r"(?:image|photo) \d+ (?:of|/) \d+$",
)
# News agencies and picture libraries whose name ends a picture's credit.
PICTURE_AGENCIES = ("getty images", "shutterstock", "reuters", "associated press", "afp",
                    "ap photo", "epa")  # fmt: skip
_AGENCY = "(?:" + "|".join(PICTURE_AGENCIES) + ")"
# Each ends with ")" or an agency's name: blocks.py rules most text out by its last word.
CAPTION_ENDS = (
    r"\((?:image|photo|picture|pic|credit|foto|video)s?(?: credit)?:[^)]{1,80}\)",
    rf"\b{_AGENCY}\s*\)?",
)
# The credit that ends a caption, cut off when the caption joins the text:
# "… on Tuesday (Jane Doe/Getty Images)", "… the vote. Photo: Jane Doe/AFP",
# "… sought treatmentCredit: EPA"
CAPTION_CREDITS = (
    CAPTION_ENDS[0],  # "(Photo: Jane Doe)"
    rf"\([^()]{{0,60}}\b{_AGENCY}\b[^()]{{0,30}}\)",
    r"(?:photo|image|picture|credit|foto|bild)s?(?: credit)?\s*:\s*[^:]{1,80}",
)

# Classes, ids and rel values that mark an author's name in a visible byline.
AUTHOR_WORDS = ("author", "byline", "writer", "contributor", "reporter")
# Second levels of country domains, under which a site registers its name:
# bbc.co.uk, abc.net.au, example.com.br ("en" in en.rfi.fr is a subdomain).
COUNTRY_SECOND_LEVELS = frozenset((
    "ac", "co", "com", "edu", "gob", "go", "gov", "gv", "ltd", "mil", "ne", "net", "nic",
    "nom", "or", "org", "plc", "sch",
))  # fmt: skip

# A linked heading that names a person, not a page: a forum post's or a
# comment's author. <h4><a class="username" href="/members/jane.81/">. Words of
# a link's class, rel or itemprop, then the path segments of profile pages.
PROFILE_LINK_WORDS = ("user", "author", "member", "profile")
PROFILE_PATHS = ("member", "members", "user", "users", "u", "profile", "profiles",
                 "author", "authors", "memberlist.php", "member.php")  # fmt: skip
# Words that open a byline line: "By Jane Doe", "von Max Muster", "作者：张三".
BYLINE_WORDS = ("by", "von", "par", "por", "door", "di", "от", "作者")

# Classes of inline elements, among boilerplate words, that hold words of the
# article's own sentences: a note pop-up on them, the lead's dateline.
IN_TEXT_WORDS = ("popup", "pop-up", "tooltip", "glossary", "footnote", "dateline")

# Classes of a social post embedded in the article, which the article quotes:
# <blockquote class="twitter-tweet">, <blockquote class="instagram-media">
EMBEDDED_POST_WORDS = ("twitter-tweet", "instagram-media", "tiktok-embed", "bluesky-embed")

# Longer words that begin with one of the words above but mean something else:
# <div class="authority-control"> is a wiki's catalogue links, not a byline, and
# <div class="social-media-embed"> holds a post the article quotes, not a share bar.
NOT_SELECTOR_WORDS = (
    "authority", "authoriz", "authoris", "social-embed", "social-media-embed", "socialembed",
)  # fmt: skip

# Classes and ids that mark a publication source in a byline: <span class="source">
SOURCE_WORDS = ("source", "origin", "publisher")

# Classes and ids of a visible section label: <a class="kicker">Politics</a>
SECTION_WORDS = (
    "kicker", "eyebrow", "overline", "category", "section-name", "section-label",
    "section-title", "article-section", "channel-name", "column-name", "rubric",
)  # fmt: skip

# Classes and ids of visible dates: <span class="time">, <div class="post-date">
DATE_WORDS = ("date", "time", "published", "pubdate", "timestamp", "posted")
