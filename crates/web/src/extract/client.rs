//! The client's address, the key for sign-in and password-request rate limits. IPv6 clients are
//! keyed by their /64 network, since one household or device gets a whole /64 and could otherwise
//! step around a limit by changing address.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::AppState;

pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(a)| a.ip());
        let forwarded = state
            .web
            .trust_forwarded_for
            .then(|| forwarded_for(parts))
            .flatten();
        Ok(ClientAddr(
            forwarded
                .or(peer)
                .map(rate_limit_key)
                .unwrap_or_else(|| "unknown".into()),
        ))
    }
}

/// The address the trusted proxy saw: the last entry of `X-Forwarded-For`.
fn forwarded_for(parts: &Parts) -> Option<IpAddr> {
    parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .last()
        .and_then(|ip| ip.trim().parse().ok())
}

fn rate_limit_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{}/64", Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_share_their_network_key() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_eq!(rate_limit_key(a), rate_limit_key(b));
        assert_eq!(rate_limit_key(a), "2001:db8:1:2::/64");
        assert_eq!(
            rate_limit_key("::ffff:10.0.0.1".parse().unwrap()),
            "10.0.0.1"
        );
    }
}
