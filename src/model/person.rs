//! Who "the person" is: a set of emails and names, joined from `--author`, the
//! `[identity]` aliases of evident.toml (or a team file's member), and (per repository)
//! the `.mailmap`; a GitHub login adds its noreply addresses. A bot is never the person.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The display name, if known.
    pub name: Option<String>,
    /// Lower-cased emails.
    pub emails: Vec<String>,
    /// Lower-cased names.
    pub names: Vec<String>,
    /// The GitHub login, if known: its noreply addresses
    /// (`12345+login@users.noreply.github.com`, `login@users.noreply.github.com`) are the
    /// person's too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub github: Option<String>,
    /// Extra bot names, emails or logins (`[bots] names`): never the person, whatever
    /// else matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bots: Vec<String>,
}

impl Person {
    /// Builds a person from identities: anything with an `@` is an email, else a name.
    pub fn from_identities<I, S>(ids: I) -> Person
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut p = Person::default();
        for id in ids {
            p.add(id.as_ref());
        }
        p
    }

    pub fn add(&mut self, id: &str) {
        let id = id.trim();
        if id.is_empty() {
            return;
        }
        // `Name <email>` gives both.
        if let (Some(open), Some(close)) = (id.find('<'), id.rfind('>'))
            && open < close
        {
            let name = id[..open].trim();
            let email = &id[open + 1..close];
            if !name.is_empty() {
                self.add(name);
            }
            self.add(email);
            return;
        }
        let lower = id.to_lowercase();
        if id.contains('@') {
            if !self.emails.contains(&lower) {
                self.emails.push(lower);
            }
        } else {
            if self.name.is_none() {
                self.name = Some(id.to_string());
            }
            if !self.names.contains(&lower) {
                self.names.push(lower);
            }
        }
    }

    /// `--author '*'`: every author but bots, for parity runs against `git log` over a
    /// whole history.
    pub fn is_everyone(&self) -> bool {
        self.names.iter().any(|n| n == "*")
    }

    /// The names the person was given by (`--author NAME`, `[identity]`, a member's name
    /// and aliases), lower-cased, the display name last.
    pub fn given_names(&self) -> Vec<String> {
        let mut given = self.names.clone();
        given.extend(self.name.clone());
        given
    }

    pub fn is_empty(&self) -> bool {
        self.emails.is_empty() && self.names.is_empty()
    }

    /// Whether an author (name, email) is this person. A bot never is, even when its
    /// address is in the person's list by mistake.
    pub fn matches(&self, name: &str, email: &str) -> bool {
        if self.is_bot(name, email) {
            return false;
        }
        if self.is_everyone() {
            return true;
        }
        let email = email.trim().to_lowercase();
        (!email.is_empty() && (self.emails.contains(&email) || self.is_noreply(&email)))
            || (!name.trim().is_empty() && self.names.contains(&name.trim().to_lowercase()))
    }

    /// Whether an email is a sub-address of one of the person's (`local+tag@domain` of
    /// `local@domain`, or the other way): the same mailbox, a tool's or a service's
    /// address of theirs (hugo's release tool commits as
    /// `bjorn.erik.pedersen+hugoreleaser@gmail.com`). GitHub's noreply addresses, whose
    /// `+` joins an account number, are none.
    pub fn is_sub_address(&self, email: &str) -> bool {
        fn mailbox(email: &str) -> Option<(String, String)> {
            let email = email.trim().to_lowercase();
            let (local, domain) = email.rsplit_once('@')?;
            if domain == "users.noreply.github.com" || local.is_empty() || domain.is_empty() {
                return None;
            }
            let base = local.split_once('+').map_or(local, |(b, _)| b);
            (!base.is_empty()).then(|| (base.to_string(), domain.to_string()))
        }
        let email = email.trim().to_lowercase();
        let Some(found) = mailbox(&email) else {
            return false;
        };
        self.emails
            .iter()
            .any(|e| *e != email && mailbox(e).as_ref() == Some(&found))
    }

    /// Whether an author is a bot (built-in bots, `[bot]` accounts, `[bots] names`).
    pub fn is_bot(&self, name: &str, email: &str) -> bool {
        crate::model::bots::is_bot(name, email, &self.bots)
    }

    /// Whether an email is a GitHub noreply address of the person's login: the one given,
    /// or one of the person's own noreply addresses names (`keith-hall@users.noreply…`
    /// and `11882719+keith-hall@users.noreply…` are one account).
    pub fn is_noreply(&self, email: &str) -> bool {
        use crate::model::bots::noreply_account;
        let Some((found_id, found)) = noreply_account(email) else {
            return false;
        };
        // `12345+login@…`: the number is the account's; a login freed and taken by
        // another account has another number.
        self.github
            .iter()
            .any(|login| login.eq_ignore_ascii_case(&found))
            || self.emails.iter().any(|e| {
                noreply_account(e).is_some_and(|(id, login)| {
                    login == found
                        && match (id, &found_id) {
                            (Some(a), Some(b)) => a == *b,
                            _ => true,
                        }
                })
            })
    }

    /// The canonical identity written into each record's `author`.
    pub fn canonical(&self) -> String {
        self.emails
            .first()
            .cloned()
            .or_else(|| self.name.clone())
            .unwrap_or_default()
    }

    /// Every identity, for the record of what was searched for.
    pub fn identities(&self) -> Vec<String> {
        self.emails
            .iter()
            .chain(self.names.iter())
            .cloned()
            .collect()
    }

    /// A display name: the name if known, else the canonical identity.
    pub fn display(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.canonical())
    }
}

/// Parses a `Co-authored-by: Name <email>` value into (name, email).
pub fn parse_name_email(value: &str) -> (String, String) {
    match (value.find('<'), value.rfind('>')) {
        (Some(open), Some(close)) if open < close => (
            value[..open].trim().to_string(),
            value[open + 1..close].trim().to_string(),
        ),
        _ => (value.trim().to_string(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plus_tag_of_an_email_is_the_same_mailbox_but_a_noreply_number_is_not() {
        let person = Person::from_identities(["bjorn.erik.pedersen@gmail.com"]);
        assert!(person.is_sub_address("Bjorn.Erik.Pedersen+hugoreleaser@gmail.com"));
        assert!(!person.is_sub_address("bjorn.erik.pedersen@gmail.com"));
        assert!(!person.is_sub_address("bjorn.erik.pedersen+x@example.com"));
        assert!(!person.is_sub_address("someone+bjorn.erik.pedersen@gmail.com"));
        let tagged = Person::from_identities(["alice+work@example.com"]);
        assert!(tagged.is_sub_address("alice@example.com"));
        let noreply = Person::from_identities(["12345+alice@users.noreply.github.com"]);
        assert!(!noreply.is_sub_address("67890+alice@users.noreply.github.com"));
    }

    #[test]
    fn identities_are_emails_or_names() {
        let p = Person::from_identities([
            "Alice Example <Alice@Example.com>",
            "a@old.example",
            "A. Example",
        ]);
        assert_eq!(p.emails, vec!["alice@example.com", "a@old.example"]);
        assert_eq!(p.names, vec!["alice example", "a. example"]);
        assert!(p.matches("someone", "ALICE@example.com"));
        assert!(p.matches("a. example", "other@x"));
        assert!(!p.matches("Bob", "bob@example.com"));
        assert_eq!(p.canonical(), "alice@example.com");
        assert_eq!(p.display(), "Alice Example");
    }

    #[test]
    fn a_star_is_every_author_but_bots() {
        let p = Person::from_identities(["*"]);
        assert!(p.is_everyone());
        assert!(p.matches("Anyone", "anyone@example.com"));
        assert!(!p.matches(
            "dependabot[bot]",
            "49699333+dependabot[bot]@users.noreply.github.com"
        ));
        assert!(!Person::from_identities(["alice@example.com"]).is_everyone());
    }

    #[test]
    fn noreply_addresses_of_the_login_match_and_bots_never_do() {
        let mut p = Person::from_identities([
            "alice@example.com",
            "49699333+dependabot[bot]@users.noreply.github.com",
        ]);
        p.github = Some("Alice-Ex".into());
        assert!(p.matches("", "12345+alice-ex@users.noreply.github.com"));
        assert!(p.matches("", "ALICE-EX@users.noreply.github.com"));
        assert!(!p.matches("", "12345+bob@users.noreply.github.com"));
        // Selected by one noreply address, the other form of the same account is theirs
        // (bat's maintainer committed under both).
        let by_email = Person::from_identities(["keith-hall@users.noreply.github.com"]);
        assert!(by_email.matches("Keith Hall", "11882719+keith-hall@users.noreply.github.com"));
        assert!(!by_email.matches("K", "11882719+keith@users.noreply.github.com"));
        // Two numbered forms of one login are two accounts (a login freed and taken).
        let numbered = Person::from_identities(["123+alice@users.noreply.github.com"]);
        assert!(numbered.matches("", "alice@users.noreply.github.com"));
        assert!(!numbered.matches("", "456+alice@users.noreply.github.com"));
        assert!(!p.matches(
            "dependabot[bot]",
            "49699333+dependabot[bot]@users.noreply.github.com"
        ));
        p.bots = vec!["alice@example.com".into()];
        assert!(!p.matches("Alice", "alice@example.com"));
    }

    #[test]
    fn co_author_values() {
        assert_eq!(
            parse_name_email("Ann Lee <ann@x.io>"),
            ("Ann Lee".into(), "ann@x.io".into())
        );
        assert_eq!(parse_name_email("ann"), ("ann".into(), String::new()));
    }
}
