"""News pages in legacy encodings, written for the decoding tests.

Each page is a whole saved page as a scraper stores it: a head with its charset declaration and
title, a site header with navigation, one `<article>` (a headline and six paragraphs of
reporting, so a main-content extractor takes it as the story) and a footer. The text is kept
here as `str` and encoded by the tests with Python's codecs, so what the bytes mean is never in
doubt. The third paragraph of every story holds an empty `<strong></strong>` after non-ASCII
characters on the same line: a defect whose column differs when counted in bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

EMPTY_TAG = "<strong></strong>"


@dataclass(frozen=True)
class Page:
    lang: str
    site: str
    title: str
    nav: tuple[str, ...]
    headline: str
    byline: str
    paragraphs: tuple[str, ...]
    footer: str

    def html(self, declaration: str | None) -> str:
        """The page; `declaration` is the charset meta tag (None: the page declares nothing)."""
        meta = f"{declaration}\n" if declaration else ""
        nav = "".join(f'      <li><a href="/{i}">{name}</a></li>\n' for i, name in enumerate(self.nav))
        body = "".join(f"      <p>{p}</p>\n" for p in self.paragraphs)
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{self.lang}">\n'
            "<head>\n"
            f"{meta}"
            f"<title>{self.title}</title>\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<link rel="stylesheet" href="/static/site.css">\n'
            "</head>\n"
            "<body>\n"
            '  <header class="site-header">\n'
            f'    <a class="logo" href="/">{self.site}</a>\n'
            "    <nav>\n"
            "      <ul>\n"
            f"{nav}"
            "      </ul>\n"
            "    </nav>\n"
            "  </header>\n"
            "  <main>\n"
            "    <article>\n"
            f"      <h1>{self.headline}</h1>\n"
            f'      <p class="byline">{self.byline}</p>\n'
            f"{body}"
            "    </article>\n"
            "  </main>\n"
            '  <footer class="site-footer">\n'
            f"    <p>{self.footer}</p>\n"
            "  </footer>\n"
            "</body>\n"
            "</html>\n"
        )


def meta_charset(label: str) -> str:
    return f'<meta charset="{label}">'


def meta_http_equiv(label: str) -> str:
    return f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'


GERMAN = Page(
    lang="de",
    site="Mainzer Abendbote",
    title="Stadtrat beschließt Verlängerung der Straßenbahn – Mainzer Abendbote",
    nav=("Startseite", "Lokales", "Politik", "Wirtschaft", "Sport", "Kultur"),
    headline="Stadtrat beschließt Verlängerung der Straßenbahn bis Gonsenheim-Süd",
    byline="Von Anna Keller, 12. März 2025",
    paragraphs=(
        "Der Mainzer Stadtrat hat am Mittwochabend mit großer Mehrheit den Ausbau der Straßenbahnlinie 51 "
        "beschlossen. Die Strecke soll um 3,4 Kilometer bis zum neuen Wohngebiet Gonsenheim-Süd verlängert "
        "werden. Für das Vorhaben stimmten 41 Ratsmitglieder, neun votierten dagegen, zwei enthielten sich.",
        "Die Kosten schätzt die Verwaltung auf rund 68 Millionen €. Etwa 75 Prozent davon sollen über das "
        "Gemeindeverkehrsfinanzierungsgesetz vom Bund und vom Land Rheinland-Pfalz getragen werden. „Ohne "
        "diese Förderung wäre das Projekt für die Stadt nicht zu stemmen“, sagte Verkehrsdezernentin Katrin "
        "Möller in der Sitzung.",
        f"Baubeginn ist für das Frühjahr 2026 geplant, die ersten Bahnen sollen Ende 2028 fahren.{EMPTY_TAG} "
        "Entlang der Strecke entstehen sechs neue Haltestellen, zwei davon mit Umstiegsmöglichkeit zu den "
        "Buslinien 62 und 63. Die Mainzer Mobilität rechnet mit täglich bis zu 9.000 zusätzlichen Fahrgästen.",
        "Kritik kam vor allem von Anwohnern der Kapellenstraße, durch die die Trasse führen soll. Eine "
        "Bürgerinitiative hatte im Vorfeld mehr als 2.300 Unterschriften gegen die Pläne gesammelt. Sie "
        "befürchtet Lärm, den Wegfall von rund 120 Parkplätzen und jahrelange Baustellen vor der Haustür.",
        "Die Stadt verspricht, die Belastungen so gering wie möglich zu halten. Geplant sind Rasengleise auf "
        "etwa zwei Dritteln der Strecke sowie Schallschutzmaßnahmen an den Kurven. Für wegfallende "
        "Stellplätze soll ein Quartiersparkhaus am Ortsrand gebaut werden – dessen Finanzierung ist "
        "allerdings noch offen.",
        "Die Opposition im Stadtrat hält die Kostenschätzung für zu optimistisch. „Wir haben bei der "
        "Mainzelbahn erlebt, wie schnell aus 80 Millionen 100 Millionen werden“, sagte der "
        "Fraktionsvorsitzende der Freien Wähler, Jürgen Schäfer. Die Verwaltung will dem Rat bis zum Herbst "
        "eine überarbeitete Kalkulation vorlegen.",
    ),
    footer='© 2025 Mainzer Abendbote · <a href="/impressum">Impressum</a> · <a href="/datenschutz">Datenschutz</a>',
)

# ISO-8859-2 has no typographic quotes or dashes: Polish pages in it use ASCII ones.
POLISH = Page(
    lang="pl",
    site="Gazeta Nadodrzańska",
    title="Wrocław: ruszyła przebudowa mostu Grunwaldzkiego - Gazeta Nadodrzańska",
    nav=("Strona główna", "Wiadomości", "Wrocław", "Sport", "Kultura"),
    headline="Wrocław: ruszyła przebudowa mostu Grunwaldzkiego",
    byline="Tomasz Żak, 4 marca 2025",
    paragraphs=(
        "We wtorek rano rozpoczęła się długo zapowiadana przebudowa mostu Grunwaldzkiego we Wrocławiu. Prace "
        "potrwają co najmniej dwadzieścia miesięcy i będą prowadzone etapami. Przez cały ten czas przeprawa "
        "pozostanie otwarta dla pieszych i rowerzystów.",
        "Koszt inwestycji wynosi ponad 96 milionów złotych, z czego większość pokryją środki z Krajowego Planu "
        "Odbudowy. Wykonawca, konsorcjum firm z Opola i Katowic, zobowiązał się do wymiany całej płyty pomostu "
        "oraz odnowienia zabytkowych pylonów. Most został oddany do użytku w 1910 roku i jest jednym z symboli "
        "miasta.",
        f"Największe utrudnienia czekają kierowców i pasażerów komunikacji miejskiej.{EMPTY_TAG} Tramwaje "
        "linii 2, 10 i 33 zostaną skierowane objazdami przez plac Społeczny, a autobusy pojadą ulicą Traugutta. "
        "Zarząd Dróg i Utrzymania Miasta apeluje, by w godzinach szczytu omijać okolice placu Grunwaldzkiego.",
        "Mieszkańcy okolicznych ulic obawiają się korków i hałasu. \"Już teraz rano stoimy w kolejce po "
        "kilkanaście minut, a co będzie, kiedy zamkną jeden pas?\" - pyta pani Halina, która od czterdziestu lat "
        "mieszka przy ulicy Sienkiewicza. Urzędnicy zapewniają, że najgłośniejsze prace będą wykonywane w ciągu "
        "dnia.",
        "Konserwator zabytków zatwierdził projekt po ponad roku uzgodnień. Zachowane zostaną oryginalne "
        "balustrady i latarnie, a nowe elementy mają nawiązywać do wyglądu mostu sprzed wojny. Część stalowych "
        "nitów zostanie wymieniona na repliki wykonane według historycznych wzorów.",
        "Miasto zapowiada, że po zakończeniu przebudowy na moście pojawią się szersze chodniki i wydzielona "
        "droga dla rowerów. Jeśli harmonogram zostanie dotrzymany, pierwsze tramwaje przejadą po odnowionej "
        "przeprawie jesienią 2026 roku.",
    ),
    footer="Copyright (c) 2025 Gazeta Nadodrzańska. Wszelkie prawa zastrzeżone.",
)

JAPANESE = Page(
    lang="ja",
    site="金沢日報",
    title="金沢市、市営バスの深夜便を来春から試験運行へ｜金沢日報",
    nav=("トップ", "社会", "政治", "経済", "スポーツ"),
    headline="金沢市、市営バスの深夜便を来春から試験運行へ",
    byline="社会部　山田花子",
    paragraphs=(
        "金沢市は十二日、中心部と郊外の住宅地を結ぶ市営バスの深夜便を、来年四月から試験的に運行すると発表した。"
        "飲食店の従業員や夜勤の医療関係者から要望が相次いでいたことを受けたもので、期間は一年間を予定している。"
        "市によると、北陸の県庁所在地で深夜の公営バスを走らせるのは初めてとなる。",
        "試験運行するのは、金沢駅から香林坊、野町を経由して西部の住宅地に向かう二路線。"
        "平日の午後十一時半から午前一時までの間に、それぞれ三便ずつ運行する。"
        "運賃は通常の路線と同じ二百十円とし、交通系ICカードも利用できる。",
        f"市は運転手の確保が最大の課題だとしている。{EMPTY_TAG}深夜の勤務には手当を上乗せするほか、"
        "運行を民間の事業者に委託することも検討する。"
        "担当者は「利用が少なければ続けられない。まずは多くの人に乗ってもらいたい」と話した。",
        "金沢市内では、新型コロナウイルスの流行以降、路線バスの減便が続いている。"
        "市の調査では、午後十時以降に中心部から帰宅する人のおよそ四割がタクシーか家族の送迎に頼っていると答えた。"
        "タクシーの台数も減っており、週末の夜には乗り場に長い列ができることも珍しくない。",
        "商店街の関係者は今回の決定を歓迎している。"
        "片町の飲食店組合の理事長は「従業員が帰りの足を心配せずに働けるようになれば、人手不足の解消にもつながる」と期待を寄せた。"
        "一方で、市議会の一部からは費用対効果を疑問視する声も出ている。",
        "市は試験期間中の利用者数や費用を検証したうえで、二〇二六年度以降の本格運行を判断する。"
        "年間の運行経費は約四千八百万円と見込んでおり、来年度の当初予算案に計上する方針だ。",
    ),
    footer="Copyright (C) 2025 金沢日報 無断転載を禁じます",
)

CHINESE = Page(
    lang="zh-CN",
    site="杭城晚报",
    title="杭州地铁三期工程全部建成通车_杭城晚报",
    nav=("首页", "新闻", "杭州", "财经", "体育"),
    headline="杭州地铁三期工程全部建成通车",
    byline="本报记者 李明",
    paragraphs=(
        "记者从杭州市地铁集团获悉，随着地铁十号线北段今天上午正式开通运营，杭州地铁三期建设规划内的项目已全部建成。"
        "至此，杭州地铁运营线路总长度超过五百公里，车站总数达到二百六十余座。市民乘坐地铁可以直达主城区和大部分新城。",
        "十号线北段全长约六公里，共设五座车站，串联起城北多个大型居住区。"
        "开通初期，列车最小行车间隔为六分钟，早高峰期间将根据客流情况加开临时班次。"
        "地铁集团表示，新线路将明显缓解周边道路的交通压力。",
        f"据介绍，新开通的车站均配备了无障碍电梯和母婴室。{EMPTY_TAG}部分车站还设置了自行车停放区，方便市民换乘。"
        "为了保障首日运营安全，地铁集团在各站增派了工作人员和志愿者，引导乘客进出站。",
        "住在城北的王女士告诉记者，她每天到市中心上班，过去乘公交车需要一个多小时。"
        "“现在坐地铁，半个小时就能到单位，方便多了。”她说，家附近的不少邻居今天一早就来体验新线路。",
        "专家指出，轨道交通的快速发展正在改变城市的空间格局。"
        "浙江大学一位城市规划学者认为，地铁网络的完善有助于引导人口和产业向新城疏解，但沿线的商业配套和公交接驳仍需进一步加强。"
        "他建议有关部门尽快优化地铁站周边的公交线路。",
        "根据规划，杭州下一阶段还将建设多条地铁线路和市域铁路，预计到2030年，全市轨道交通总里程将超过八百公里。"
        "相关项目的前期工作目前正在有序推进。",
    ),
    footer="版权所有 杭城晚报 未经授权不得转载",
)
