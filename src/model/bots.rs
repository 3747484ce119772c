//! Who is a bot. A bot's items never count for a person: the git walk and the GitHub
//! records ask here, and `Person::matches` refuses every bot identity, so a bot address
//! that slipped into someone's email list still does not make the bot's commits theirs.

/// Bots known by name: their logins, commit names and email local parts start with one
/// of these (`dependabot[bot]`, `dependabot-preview`, `renovate-bot`, `bot@renovateapp.com`,
/// `github-actions[bot]`).
pub const BUILTIN_BOTS: &[&str] = &["dependabot", "renovate", "github-actions"];

/// The addresses AI coding assistants sign their commits and co-authorships with.
const AI_ASSISTANT_EMAILS: &[&str] = &[
    "noreply@anthropic.com",
    "noreply@openai.com",
    "codex@openai.com",
    "cursoragent@cursor.com",
    "noreply@aider.chat",
];

/// The GitHub accounts of AI coding assistants, by number and login, as their noreply
/// addresses name them (`198982749+Copilot@users.noreply.github.com`): the login alone
/// could be a person's.
const AI_ASSISTANT_ACCOUNTS: &[(&str, &str)] = &[
    ("198982749", "copilot"),
    ("175728472", "copilot"),
    ("242468646", "claude"),
];

/// Whether an identity (a login, an author name or an email) is a bot: it contains
/// `[bot]`, a word of it starts with a built-in bot's name, a name of several words has
/// the word `bot` in lower case, or it equals one of `extra`
/// (`[bots] names` in evident.toml: names, emails or logins, case-insensitive).
pub fn is_bot_id(id: &str, extra: &[String]) -> bool {
    // `pytest bot`: a bare `bot` is a surname only when written as one (`Jan Bot`).
    if id.split_whitespace().count() > 1 && id.split_whitespace().any(|w| w == "bot") {
        return true;
    }
    let id = id.trim().to_lowercase();
    if id.is_empty() {
        return false;
    }
    if id.contains("[bot]") || extra.iter().any(|x| x.trim().to_lowercase() == id) {
        return true;
    }
    // For a GitHub noreply address, the login is what names the bot.
    let login = noreply_login(&id);
    if let Some(login) = &login
        && extra.iter().any(|x| x.trim().eq_ignore_ascii_case(login))
    {
        return true;
    }
    // An AI coding assistant named co-author (`Claude Opus 4.8 <noreply@anthropic.com>`
    // on 65 of setuptools' maintainer's 114 commits) is no collaborator: its addresses,
    // exactly (a company's people write from it too), and its GitHub logins.
    if AI_ASSISTANT_EMAILS.contains(&id.as_str())
        || noreply_account(&id).is_some_and(|(number, login)| {
            AI_ASSISTANT_ACCOUNTS
                .iter()
                .any(|(n, l)| number.as_deref() == Some(*n) && login == *l)
        })
    {
        return true;
    }
    // A company may be a robot (`@hello-robot.com`); its people are not: the robot words
    // are read in a name, a login or an email's local part only.
    let own = id.split('@').next().unwrap_or(&id);
    id.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|word| BUILTIN_BOTS.iter().any(|b| word.starts_with(b)))
        || own
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .any(names_a_robot)
}

/// A word that says its owner is a robot: `robot` (`Gopher Robot`, Go's release bot), or
/// a dashed name ending in `-bot` or `-robot` (`release-bot`, `k8s-ci-robot`). Whole
/// words only, and a bare `bot` is a Dutch surname: Ann Talbot and Jan Bot stay people.
fn names_a_robot(word: &str) -> bool {
    word == "robot" || word.ends_with("-bot") || word.ends_with("-robot")
}

/// Whether a commit's title is one an automation writes under the person's own identity
/// (a GitHub Action that commits as the user who triggered it): fzf's sponsors workflow
/// wrote 26 `Deploying to master from @ junegunn/fzf@… 🚀` commits under its maintainer's
/// noreply address (JamesIves/github-pages-deploy-action's message). Not the person's work.
/// So is a site build `mkdocs gh-deploy` commits under the identity of whoever runs it
/// (`Deployed 728e4d575 with MkDocs version: 1.6.1`): okhttp's maintainer's `gh-pages`
/// held ten in a year, said as his commits the HEAD did not reach; and a versioned site
/// build `mike deploy` commits (`Deployed 2151025 to dev with MkDocs 1.6.1 and mike
/// 2.1.3`): 377 of pydantic's maintainer's 440 commits on branches HEAD does not reach,
/// on `docs-site`. So is astro's format
/// workflow's `[ci] format`, committed after each push under the pusher's name (and some
/// maintainer's noreply address): 269 in a year, 32 of them said as a likely alias of
/// one maintainer's, whose hint would have counted three colleagues' addresses as his.
pub fn is_automated_title(title: &str) -> bool {
    automated_title_kind(title).is_some()
}

/// Which automation wrote a commit of this title ([`is_automated_title`]), by the kinds
/// [`Automation`] names.
pub fn automated_title_kind(title: &str) -> Option<Automation> {
    static KINDS: std::sync::LazyLock<[(Automation, regex::Regex); 4]> = std::sync::LazyLock::new(
        || {
            let re = |p: &str| regex::Regex::new(p).expect("valid");
            [
                (
                    Automation::PagesDeploy,
                    re(r"^Deploying to \S+ from @ [\w.-]+/[\w.-]+@[0-9a-f]{7,40}\b"),
                ),
                (
                    Automation::Mkdocs,
                    re(r"^Deployed [0-9a-f]{7,40} with MkDocs version: \S+\s*$"),
                ),
                (
                    Automation::Mike,
                    re(
                        r"^Deployed [0-9a-f]{7,40} to \S+(?: in \S+)? with MkDocs \S+ and mike \S+\s*$",
                    ),
                ),
                (Automation::CiFormat, re(r"^\[ci\] format\s*$")),
            ]
        },
    );
    KINDS
        .iter()
        .find(|(_, re)| re.is_match(title))
        .map(|(kind, _)| *kind)
}

/// The automations whose commits under a person's identity are not their work, each
/// named in the portfolio by what it writes, so a reader can find them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Automation {
    /// A GitHub Pages deploy action's `Deploying to … from @ …`.
    PagesDeploy,
    /// `mkdocs gh-deploy`'s `Deployed … with MkDocs version: …`.
    Mkdocs,
    /// `mike deploy`'s `Deployed … to … with MkDocs … and mike …`.
    Mike,
    /// A format workflow's `[ci] format`.
    CiFormat,
    /// Any commit a GitHub Actions workflow committed as `github-actions[bot]` under the
    /// person's name.
    Workflow,
}

impl Automation {
    /// Every automation evident knows.
    pub const ALL: [Automation; 5] = [
        Automation::PagesDeploy,
        Automation::Mkdocs,
        Automation::Mike,
        Automation::CiFormat,
        Automation::Workflow,
    ];

    /// The key it is counted under in the evidence JSON (`automated.kinds`).
    pub fn key(self) -> &'static str {
        match self {
            Automation::PagesDeploy => "pages-deploy",
            Automation::Mkdocs => "mkdocs",
            Automation::Mike => "mike",
            Automation::CiFormat => "ci-format",
            Automation::Workflow => "workflow",
        }
    }

    /// The automation counted under `key`; None for a key it does not know (a newer
    /// collector's).
    pub fn from_key(key: &str) -> Option<Automation> {
        Automation::ALL.into_iter().find(|a| a.key() == key)
    }

    /// What it writes, as the portfolio says it.
    pub fn described(self) -> &'static str {
        match self {
            Automation::PagesDeploy => "a deploy tool's `Deploying to … from @ …`",
            Automation::Mkdocs => "`mkdocs gh-deploy`'s `Deployed … with MkDocs version: …`",
            Automation::Mike => "mike's `Deployed … to … with MkDocs … and mike …`",
            Automation::CiFormat => "a format workflow's `[ci] format`",
            Automation::Workflow => {
                "a GitHub Actions workflow that committed as `github-actions[bot]`"
            }
        }
    }
}

/// Whether an author (name and email) is a bot.
pub fn is_bot(name: &str, email: &str, extra: &[String]) -> bool {
    is_bot_id(name, extra) || is_bot_id(email, extra)
}

/// The login of a GitHub noreply address: `12345+login@users.noreply.github.com` or
/// `login@users.noreply.github.com` (case-insensitive), lower-cased.
pub fn noreply_login(email: &str) -> Option<String> {
    noreply_account(email).map(|(_, login)| login)
}

/// A GitHub noreply address's account number, when it has one (`12345+login@…`), and its
/// login, lower-cased.
pub fn noreply_account(email: &str) -> Option<(Option<String>, String)> {
    let email = email.trim().to_lowercase();
    let local = email.strip_suffix("@users.noreply.github.com")?;
    let (id, login) = match local.split_once('+') {
        Some((id, login)) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => {
            (Some(id.to_string()), login)
        }
        _ => (None, local),
    };
    (!login.is_empty()).then(|| (id, login.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bots_by_marker_name_and_list() {
        for id in [
            "dependabot[bot]",
            "49699333+dependabot[bot]@users.noreply.github.com",
            "dependabot[bot]@users.noreply.github.com",
            "renovate[bot]",
            "Renovate Bot",
            "bot@renovateapp.com",
            "github-actions[bot]",
            "41898282+github-actions[bot]@users.noreply.github.com",
            "Dependabot",
            "some-ci[bot]",
            "Gopher Robot",
            "k8s-ci-robot",
            "release-bot@example.com",
            "pytest bot",
            // AI coding assistants, by their addresses and logins.
            "noreply@anthropic.com",
            "198982749+Copilot@users.noreply.github.com",
            "242468646+Claude@users.noreply.github.com",
            "codex@openai.com",
            "cursoragent@cursor.com",
        ] {
            assert!(is_bot_id(id, &[]), "{id}");
        }
        for id in [
            "Alice Example",
            "alice@example.com",
            "bob-renovations@x.io",
            "Ann Talbot",
            "Jan Bot",
            "bot.ann@example.com",
            "robotics-team@example.com",
            "aedsinger@hello-robot.com",
            "ann@ci-bot.example",
            // A company's people write from its domain too.
            "charliemarsh@openai.com",
            "Claude Monet",
            "claude@users.noreply.github.com",
            "12345+claude@users.noreply.github.com",
            "",
        ] {
            assert!(!is_bot_id(id, &[]), "{id}");
        }
        let extra = vec![
            "Release Robot".to_string(),
            "ci@acme.example".to_string(),
            "acme-ci".to_string(),
        ];
        assert!(is_bot("release robot", "x@y", &extra));
        assert!(is_bot("x", "CI@acme.example", &extra));
        assert!(is_bot("x", "123+acme-ci@users.noreply.github.com", &extra));
        assert!(!is_bot("x", "y@z", &extra));
    }

    #[test]
    fn deploy_tools_titles_are_automated() {
        for title in [
            "Deploying to master from @ junegunn/fzf@5e137613a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6 🚀",
            "Deploying to gh-pages from @ acme/site@5e13761 🚀",
            "Deployed 728e4d575 with MkDocs version: 1.6.1",
            "Deployed 2151025 to dev with MkDocs 1.6.1 and mike 2.1.3",
            "Deployed 41b1a85 to 2.11 in docs with MkDocs 1.6.1 and mike 2.1.3",
            "[ci] format",
        ] {
            assert!(is_automated_title(title), "{title}");
        }
        let kind = |t: &str| automated_title_kind(t).map(Automation::key);
        assert_eq!(
            kind("Deploying to gh-pages from @ acme/site@5e13761 🚀"),
            Some("pages-deploy")
        );
        assert_eq!(
            kind("Deployed 728e4d575 with MkDocs version: 1.6.1"),
            Some("mkdocs")
        );
        assert_eq!(
            kind("Deployed 2151025 to dev with MkDocs 1.6.1 and mike 2.1.3"),
            Some("mike")
        );
        assert_eq!(kind("[ci] format"), Some("ci-format"));
        for a in Automation::ALL {
            assert_eq!(Automation::from_key(a.key()), Some(a));
        }
        assert_eq!(Automation::from_key("something-newer"), None);
        for title in [
            "Deployed the docs with MkDocs",
            "Restore Javadocs to the MkDocs site",
            "Deployed the docs to dev with MkDocs and mike",
            "Deploying to production needs a review now",
            "[ci] format the release notes",
            "fix: [ci] format check fails on Windows",
        ] {
            assert!(!is_automated_title(title), "{title}");
        }
    }

    #[test]
    fn noreply_logins() {
        assert_eq!(
            noreply_login("12345+Alice-Ex@users.noreply.github.com").as_deref(),
            Some("alice-ex")
        );
        assert_eq!(
            noreply_login("alice-ex@users.noreply.github.com").as_deref(),
            Some("alice-ex")
        );
        assert_eq!(noreply_login("alice@example.com"), None);
    }
}
