package demo

import (
	"strings"
	"unicode"

	"github.com/salespilot/sales"
)

// The fixed parts of the portal: its people, pipelines, products and the
// vocabularies records draw from. Generate copies nothing of these into
// the records it returns except strings, which are immutable.

// Pipeline and stage ids of the demo portal, for callers that need to name
// one, such as the proposal stage of report R37.
const (
	// NewBusiness is the id of the first pipeline, modelled on HubSpot's
	// default sales pipeline.
	NewBusiness sales.PipelineID = "default"
	// Renewals is the id of the second pipeline, where customers renew.
	Renewals sales.PipelineID = "7301845"
	// ProposalStage is the stage of NewBusiness that the demo counts as a
	// proposal sent.
	ProposalStage sales.StageID = "contractsent"
)

// Teams are also the regions deals and companies belong to.
const (
	teamNorthAmerica = iota
	teamEMEA
	teamAPAC
	numTeams
)

var teamNames = [numTeams]string{"North America", "EMEA", "APAC"}

// teamWeights weighs each team's share of the companies, hence of the
// deals.
var teamWeights = cumulative(0.45, 0.35, 0.20)

// role says what an owner does in the demo.
type role uint8

const (
	roleSeller   role = iota // owns companies, deals and their activities
	roleArchived             // a seller who left; owns old deals only
	roleSDR                  // makes first calls to leads; owns no deals
	roleIdle                 // a new hire with nothing yet
)

// person is one owner of the portal and how the demo uses them.
type person struct {
	id   sales.OwnerID
	name string
	team int // -1 for none
	role role
	// volume weighs the rep's share of their team's deals; skill scales
	// how often their deals are lost (below 1 loses less).
	volume, skill float64
}

var people = [...]person{
	{"o1", "Olivia Brooks", teamNorthAmerica, roleSeller, 1.3, 0.85},
	{"o2", "Marcus Reed", teamNorthAmerica, roleSeller, 1.0, 1.0},
	{"o3", "Hannah Cole", teamNorthAmerica, roleSeller, 0.9, 1.1},
	{"o4", "Diego Alvarez", teamNorthAmerica, roleSeller, 0.7, 1.2},
	{"o5", "Sophie Laurent", teamEMEA, roleSeller, 1.2, 0.9},
	{"o6", "Jonas Weber", teamEMEA, roleSeller, 1.0, 1.0},
	{"o7", "Amira Haddad", teamEMEA, roleSeller, 1.1, 0.8},
	{"o8", "Tom Whitaker", teamEMEA, roleSeller, 0.8, 1.25},
	{"o9", "Kenji Sato", teamAPAC, roleSeller, 1.0, 0.95},
	{"o10", "Priya Nair", teamAPAC, roleSeller, 1.2, 0.9},
	{"o11", "Liam O'Connor", teamAPAC, roleSeller, 0.8, 1.1},
	{"o12", "Mei Lin Tan", teamAPAC, roleSeller, 0.9, 1.0},
	{"o13", "Grace Miller", teamNorthAmerica, roleArchived, 1.0, 1.0},
	{"o14", "Sam Okafor", -1, roleSDR, 0, 0},
	{"o15", "Noah Berg", teamAPAC, roleIdle, 0, 0},
}

// Indexes in people of the owners with a special part.
const (
	archivedRep = 12
	sdr         = 13
	idleRep     = 14
)

// owners returns the people as the portal's owners.
func owners() []sales.Owner {
	out := make([]sales.Owner, len(people))
	for i, p := range people {
		out[i] = sales.Owner{
			ID: p.id, Name: p.name, Email: email(p.name), Archived: p.role == roleArchived,
		}
		if p.team >= 0 {
			out[i].Team = teamNames[p.team]
		}
	}
	return out
}

// email makes a work address from a name: "Liam O'Connor" gives
// liam.oconnor@salespilot.example.
func email(name string) string {
	local := strings.Map(func(r rune) rune {
		switch {
		case r == ' ':
			return '.'
		case unicode.IsLetter(r):
			return unicode.ToLower(r)
		}
		return -1
	}, name)
	return local + "@salespilot.example"
}

// pipelines returns the two pipelines. Their stage lists are shared with
// no one else: each call builds new ones.
func pipelines() []sales.Pipeline {
	return []sales.Pipeline{
		{ID: NewBusiness, Label: "New business", Stages: []sales.Stage{
			stage("appointmentscheduled", "Appointment scheduled", sales.StageOpen, 0.2),
			stage("qualifiedtobuy", "Qualified to buy", sales.StageOpen, 0.4),
			stage("presentationscheduled", "Presentation scheduled", sales.StageOpen, 0.6),
			stage("decisionmakerboughtin", "Decision maker bought-in", sales.StageOpen, 0.8),
			stage(ProposalStage, "Contract sent", sales.StageOpen, 0.9),
			stage("closedwon", "Closed won", sales.StageWon, 1),
			stage("closedlost", "Closed lost", sales.StageLost, 0),
		}},
		{ID: Renewals, Label: "Renewals", Stages: []sales.Stage{
			stage("30124471", "Renewal upcoming", sales.StageOpen, 0.6),
			stage("30124472", "In negotiation", sales.StageOpen, 0.75),
			stage("30124473", "On hold", sales.StageOpen, 0),
			stage("30124474", "Renewed", sales.StageWon, 1),
			stage("30124475", "Not renewed", sales.StageLost, 0),
		}},
	}
}

func stage(id sales.StageID, label string, kind sales.StageKind, p float64) sales.Stage {
	return sales.Stage{ID: id, Label: label, Kind: kind, Probability: p}
}

// product is an item of the catalogue, its price in cents (0 for none).
type product struct {
	id    sales.ProductID
	name  string
	sku   string
	cents int64
}

var catalogue = []product{
	{"p1", "Starter plan (annual)", "SP-STR-12", 1_200_00},
	{"p2", "Professional plan (annual)", "SP-PRO-12", 4_800_00},
	{"p3", "Enterprise plan (annual)", "SP-ENT-12", 18_000_00},
	{"p4", "Additional seats, pack of 10", "SP-SEAT-10", 900_00},
	{"p5", "Onboarding package", "SV-ONB-01", 2_500_00},
	{"p6", "Premium support (annual)", "SV-SUP-12", 3_000_00},
	{"p7", "API access add-on", "SP-API-12", 1_500_00},
	{"p8", "Training day", "SV-TRN-01", 1_200_00},
	{"p9", "Data migration", "SV-MIG-01", 4_000_00},
	{"p10", "Custom integration", "SV-INT-01", 0},
}

// The product for the line that makes a deal's lines add up to its amount.
const balancingProduct = 9

// Sources of deals and contacts, HubSpot's original-source values.
var sources = []string{
	"ORGANIC_SEARCH", "PAID_SEARCH", "REFERRALS", "DIRECT_TRAFFIC",
	"SOCIAL_MEDIA", "EMAIL_MARKETING", "OFFLINE",
}

var sourceWeights = cumulative(0.22, 0.15, 0.15, 0.12, 0.10, 0.12, 0.14)

var lostReasons = choose([]string{
	"Price too high", "Chose a competitor", "No budget", "Bad timing",
	"No decision", "Missing feature",
}, 0.25, 0.22, 0.15, 0.13, 0.15, 0.10)

var companyTypes = []string{"PROSPECT", "CUSTOMER", "PARTNER", "RESELLER", "VENDOR"}

var industries = []string{
	"Software", "Manufacturing", "Healthcare", "Retail", "Financial services",
	"Logistics", "Education", "Media",
}

// country is where a company is, with the legal suffix its names take.
type country struct {
	name, suffix string
	team         int
	share        float64 // of its team's companies
}

var countries = []country{
	{"United States", "Inc.", teamNorthAmerica, 0.80},
	{"Canada", "Ltd", teamNorthAmerica, 0.15},
	{"Mexico", "S.A. de C.V.", teamNorthAmerica, 0.05},
	{"United Kingdom", "Ltd", teamEMEA, 0.35},
	{"Germany", "GmbH", teamEMEA, 0.25},
	{"France", "SAS", teamEMEA, 0.20},
	{"Netherlands", "B.V.", teamEMEA, 0.10},
	{"Spain", "S.L.", teamEMEA, 0.10},
	{"Australia", "Pty Ltd", teamAPAC, 0.35},
	{"Japan", "K.K.", teamAPAC, 0.25},
	{"Singapore", "Pte. Ltd.", teamAPAC, 0.20},
	{"India", "Pvt. Ltd.", teamAPAC, 0.20},
}

var nameHeads = []string{
	"Acme", "Bluefin", "Northwind", "Summit", "Harbor", "Crescent", "Pioneer",
	"Silverline", "Evergreen", "Atlas", "Granite", "Lumen", "Vertex", "Copper",
	"Redwood", "Meridian", "Beacon", "Orchid", "Falcon", "Cobalt", "Juniper",
	"Sterling", "Keystone", "Horizon", "Nimbus", "Quarry", "Saffron",
	"Tidewater", "Willow", "Zenith",
}

var nameTails = []string{
	"Logistics", "Health", "Foods", "Analytics", "Robotics", "Media", "Energy",
	"Labs", "Retail", "Capital", "Systems", "Textiles", "Foundry", "Travel",
	"Pharma", "Networks", "Builders", "Dairy", "Software", "Freight",
}

var firstNames = []string{
	"Ada", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Greta", "Hugo", "Ines",
	"Jamal", "Keiko", "Lucas", "Maria", "Nils", "Oona", "Pedro", "Quinn",
	"Rosa", "Stefan", "Tara", "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoe",
	"Aiko", "Bruno", "Carla", "Dev", "Emeka", "Fiona", "Goran", "Hana",
	"Ivan", "Julia", "Kofi", "Lena", "Mateo", "Nadia",
}

var lastNames = []string{
	"Anders", "Baker", "Castillo", "Dubois", "Eriksen", "Fontaine", "Garcia",
	"Hoffmann", "Ito", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Nakamura",
	"Okoro", "Patel", "Quintero", "Rossi", "Schmidt", "Tanaka", "Ueda",
	"Varga", "Walsh", "Xu", "Yilmaz", "Zimmer", "Abbott", "Brennan", "Chen",
	"Duarte", "Evans", "Fischer", "Gupta", "Horvat", "Iyer", "Jones", "Kim",
	"Lopez", "Murphy", "Novak",
}

// Subjects of activities, by type.
var (
	callSubjects = []string{
		"Discovery call", "Follow-up call", "Check-in", "Pricing call", "Qualification call",
	}
	outEmailSubjects = []string{
		"Following up", "Proposal attached", "Next steps", "Quick question", "Intro",
	}
	inEmailSubjects = []string{
		"Re: proposal", "Question about pricing", "Re: next steps", "Re: contract",
	}
	meetingSubjects = []string{
		"Demo", "Discovery meeting", "Proposal review", "Kick-off", "Negotiation",
	}
	taskSubjects = []string{
		"Send proposal", "Follow up", "Prepare demo", "Send contract", "Call back",
	}
	noteSubjects = []string{"Call notes", "Meeting notes", "Account notes", "Next steps"}
)

// Labels of deal names, after the company's name.
var (
	newDealLabels      = []string{"New licence", "Pilot", "Platform rollout"}
	existingDealLabels = []string{"Expansion", "Add-on seats", "Platform upgrade"}
)

// Lead statuses, HubSpot's values.
const (
	statusNew         = "NEW"
	statusOpen        = "OPEN"
	statusInProgress  = "IN_PROGRESS"
	statusOpenDeal    = "OPEN_DEAL"
	statusUnqualified = "UNQUALIFIED"
	statusAttempted   = "ATTEMPTED_TO_CONTACT"
	statusConnected   = "CONNECTED"
	statusBadTiming   = "BAD_TIMING"
)
