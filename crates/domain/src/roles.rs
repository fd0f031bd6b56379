//! Portal roles ("Autorisatierollen", SPEC B4) and what each lets a contact do.

use crate::DomainError;

/// The three role switches of a contact. Medewerker+ only exists on top of Medewerker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PortalRoles {
    beheerder: bool,
    medewerker: bool,
    medewerker_plus: bool,
}

impl PortalRoles {
    pub fn new(
        beheerder: bool,
        medewerker: bool,
        medewerker_plus: bool,
    ) -> Result<Self, DomainError> {
        if medewerker_plus && !medewerker {
            return Err(DomainError::on_field(
                "error-role-plus-needs-medewerker",
                "medewerker_plus",
            ));
        }
        Ok(PortalRoles {
            beheerder,
            medewerker,
            medewerker_plus,
        })
    }

    /// The owner of a new organisation.
    pub const BEHEERDER: PortalRoles = PortalRoles {
        beheerder: true,
        medewerker: false,
        medewerker_plus: false,
    };

    pub fn beheerder(&self) -> bool {
        self.beheerder
    }
    pub fn medewerker(&self) -> bool {
        self.medewerker
    }
    pub fn medewerker_plus(&self) -> bool {
        self.medewerker_plus
    }

    /// Organisation data, contacts and roles.
    pub fn can_manage_organisation(&self) -> bool {
        self.beheerder
    }

    /// Invoices, subscription and licences.
    pub fn can_see_billing(&self) -> bool {
        self.beheerder
    }

    /// All tickets of the organisation; a plain Medewerker only when support switched on
    /// "Aanvragen vanuit de organisatie" (B5).
    pub fn can_see_all_org_tickets(&self, org_requests_shared: bool) -> bool {
        self.beheerder || self.medewerker_plus || (self.medewerker && org_requests_shared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medewerker_plus_needs_medewerker() {
        assert!(PortalRoles::new(false, false, true).is_err());
        assert!(PortalRoles::new(false, true, true).is_ok());
    }

    #[test]
    fn only_beheerder_sees_billing() {
        let plus = PortalRoles::new(false, true, true).unwrap();
        assert!(!plus.can_see_billing());
        assert!(PortalRoles::BEHEERDER.can_see_billing());
    }

    #[test]
    fn medewerker_sees_organisation_tickets_only_when_shared() {
        let m = PortalRoles::new(false, true, false).unwrap();
        assert!(!m.can_see_all_org_tickets(false));
        assert!(m.can_see_all_org_tickets(true));
        assert!(
            PortalRoles::new(false, true, true)
                .unwrap()
                .can_see_all_org_tickets(false)
        );
    }
}
