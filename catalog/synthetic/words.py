"""Words, names and places the synthetic catalog and articles are made of.

Lists are in rough order of frequency: generators draw from them with
Zipf-like weights, so the first entries are the common ones.
"""


def _words(text: str) -> list[str]:
    """The words of `text` in order, each once."""
    return list(dict.fromkeys(text.split()))


# Content words of news captions, most frequent first.
# Function words are mixed in separately, so that a search for a content
# word behaves as it would on real captions.
CONTENT_WORDS = _words("""
people police president city government protest soldiers officials street
crowd members supporters fire rescue workers children family women men
border capital festival election campaign minister leaders troops forces
storm water flood village market river rally demonstrators security
players team fans match game season stadium court judge trial lawyers
hospital doctors patients medical health school students teachers church
prayers ceremony funeral memorial victims residents neighbours house home
building damage earthquake debris ruins smoke flames firefighters vehicles
cars trucks road highway bridge train station airport aircraft helicopter
ship boat harbour coast beach island mountain valley desert snow rain wind
winter summer spring autumn morning afternoon evening night day week year
parliament senate congress vote voters ballot polling results victory defeat
speech press conference meeting summit talks agreement deal treaty delegation
army navy marines officers commander general sergeant unit base camp patrol
refugees migrants camp tents aid food supplies convoy relief volunteers
farmers fields harvest crops cattle horses dogs animals zoo park garden
museum exhibition artist painting concert music singer band stage dancers
parade costumes celebration fireworks flags banners signs posters slogans
workers strike union factory plant mine miners energy oil gas power prices
bank shares traders exchange economy jobs shoppers store mall holiday
tourists visitors pilgrims temple mosque cathedral shrine monastery palace
queen king prince princess royal wedding couple bride guests dinner
athletes race runners cyclists swimmers boxing tennis football soccer
baseball basketball hockey golf marathon olympic champion medal trophy
scientists researchers laboratory space rocket launch satellite astronauts
engineers technology computer phone screen camera photographers journalists
reporters television broadcast interview statement announcement report
protesters riot clashes tear gas barricade arrest detained prison prisoners
attack explosion blast bomb wreckage investigators evidence scene tribute
candles flowers mourners grave coffin soldier flag uniform weapons rifles
tanks armoured drills exercise training recruits cadets academy graduation
""")

FUNCTION_WORDS = _words("""
the a of in on at to and with from for during after as near by before
outside inside while their his her its an over under through into
""")

FIRST_NAMES = _words("""
Maya Karim Moises Holly Chip Khalid Anna Jonas Lucia Omar Priya Daniel
Sofia Mateo Elena Tomas Ines Rafael Nadia Pavel Yuki Kenji Amara Tariq
Leila Hassan Marta Pieter Ingrid Lars Chiara Marco Aisha Samuel Ruth
David Sarah Michael Laura Peter Julia Carlos Ana Jorge Paula Diego
Lucas Emma Noah Olivia Liam Ava Ethan Mia Mason Zoe Felix Clara Hugo
Alice Oscar Nina Viktor Irina Dmitri Olga Sergei Katya Andrei Mila
Rosa Pablo Teresa Javier Carmen Miguel Isabel Luis Elisa Bruno Greta
Stefan Helena Jakob Lena Emil Frida Magnus Astrid Nils Sigrid Anders
Wei Lin Mei Jun Hana Sora Min Ji Arjun Kavya Rohan Asha Vikram Meera
Kwame Ama Kofi Abena Chidi Ngozi Tunde Zainab Yusuf Fatima Ali Layla
Tom Kate Ben Lucy Sam Grace Jack Ella Joe Amy Dan Beth Rob Jane Matt
""")

LAST_NAMES = _words("""
Alleruzzo Kadim Saman Pickett Somodevilla Mohammed Berg Keller Romano
Haddad Sharma Cohen Rossi Moreno Silva Novak Tanaka Sato Okafor Mensah
Nasser Karimi Weber Jansen Larsen Conti Ricci Rahman Levy Stone Fischer
Hoffmann Schmidt Vogel Brandt Lehmann Kraus Wolf Bauer Richter Klein
Garcia Lopez Martinez Gonzalez Rodriguez Fernandez Perez Sanchez Ramirez
Torres Flores Rivera Gomez Diaz Reyes Morales Ortiz Castillo Vargas
Johansson Nilsson Lindqvist Holm Dahl Lund Strand Aberg Eklund Falk
Ivanov Petrov Smirnov Volkov Sokolov Orlov Pavlov Morozov Kozlov Lebedev
Kim Park Choi Jung Kang Cho Yoon Jang Lim Han Wang Zhang Liu Chen Yang
Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Patel Singh Kumar Gupta Mehta
Reddy Nair Iyer Das Bose Adeyemi Okonkwo Boateng Owusu Diallo Traore
Keita Toure Ndiaye Kamara Hughes Bennett Carter Mitchell Turner Parker
Collins Edwards Morris Cook Rogers Reed Bailey Cooper Howard Ward Brooks
Gray James Watson Kelly Sanders Price Myers Long Ross Foster Powell
Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes
Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham
Reynolds Griffin Wallace Cole West Hayes Gibson Bryant Ellis Stevens
Murray Ford Marshall Owens Harrison Fernandes Ferreira Almeida Costa
Santos Oliveira Pereira Carvalho Ribeiro Lima Moura Nunes Teixeira
Dubois Lefebvre Moreau Laurent Girard Bonnet Dupont Lambert Fontaine
Rousseau Vincent Muller Leroy Roux Morel Fournier Mercier Blanc Guerin
""")

PLACES = _words("""
Baghdad Kabul Cairo Beirut Damascus Amman Tehran Istanbul Ankara Athens
Rome Madrid Lisbon Paris Brussels Amsterdam Berlin Warsaw Prague Vienna
Budapest Kyiv Moscow Oslo Stockholm Helsinki Copenhagen Dublin London
Edinburgh Nairobi Lagos Accra Dakar Johannesburg Kinshasa Addis Khartoum
Mumbai Delhi Karachi Lahore Dhaka Colombo Kathmandu Bangkok Hanoi Manila
Jakarta Seoul Tokyo Beijing Shanghai Sydney Auckland Lima Bogota Caracas
Santiago Quito Havana Mexico Chicago Boston Denver Houston Miami Seattle
Atlanta Dallas Phoenix Detroit Portland Baltimore Memphis Nashville
""")

# Words that make an organisation of a place: "Lakeside Gazette". Each
# names the kind of agency that credits use, as the importer reads them.
AGENCY_SUFFIXES = (
    "Gazette",
    "Herald",
    "Daily News",
    "Times",
    "Tribune",
    "Post",
    "Press",
    "Journal",
    "News Service",
    "Photo Agency",
    "Images",
    "Pictures",
)
DISTRIBUTOR_SUFFIXES = ("Images", "Pictures", "Photo Agency")
AGENCY_PLACES = _words("""
Lakeside Riverside Northfield Southport Westbrook Eastgate Highland Lowell
Fairview Greenwood Oakridge Pinecrest Maplewood Stonebridge Clearwater
Redhill Silverton Brookfield Ashford Kingsley Marlow Harrow Whitby Avon
Clifton Dover Granite Meridian Summit Pioneer Frontier Harbor Beacon
Compass Atlas Horizon Liberty Union Capitol Metro Coastal Valley Prairie
Northern Southern Eastern Western Central National Continental Global
""")

MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)

# Editor's notes by Content Warning NewsCodes kind, worded so that the
# importer reads each back as its kind.
WARNING_NOTES = {
    "graphic": "This image contains graphic content that some viewers may find disturbing.",
    "violence": "This image shows violence.",
    "death": "This image shows a dead body.",
    "suffering": "This image shows human suffering.",
    "nudity": "This image contains nudity.",
    "language": "This image shows strong language.",
    "drugUse": "This image shows drug use.",
    "sexuality": "This image contains sexual content.",
    "fantasyViolence": "This image shows fantasy violence.",
}
