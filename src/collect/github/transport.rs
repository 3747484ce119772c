//! The HTTP client for GitHub: reqwest, with rustls. Everything it takes from the
//! environment comes through [`crate::env::NetEnv`]:
//!
//! - proxies: `https_proxy`, `http_proxy`, `all_proxy` and `no_proxy` (either case), as
//!   curl reads them; a proxy URL may carry `user:password@`;
//! - certificate roots: `SSL_CERT_FILE` / `SSL_CERT_DIR` replace the system's roots (as
//!   with OpenSSL and curl), else the system's roots;
//! - redirects: GET requests follow up to five (a renamed repository answers 301); the
//!   token is dropped when a redirect leaves the host; each hop counts as a request.

use crate::env::NetEnv;
use crate::error::Error;
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Redirects followed before giving up.
const MAX_REDIRECTS: usize = 5;

/// A reqwest client for GitHub; `hops` counts the redirects it follows.
pub fn http_client(net: &NetEnv, hops: Arc<AtomicUsize>) -> Result<reqwest::Client, Error> {
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
        } else {
            hops.fetch_add(1, Ordering::Relaxed);
            attempt.follow()
        }
    });
    let mut builder = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(20))
        .read_timeout(Duration::from_secs(90))
        .redirect(policy)
        // evident retries itself, and counts every request it sends.
        .retry(reqwest::retry::never())
        .tls_backend_preconfigured(tls_config(net)?)
        // Only the proxies below: reqwest would otherwise read the variables itself.
        .no_proxy();
    for proxy in proxies(net)? {
        builder = builder.proxy(proxy);
    }
    builder
        .build()
        .map_err(|e| Error::failed("could not set up the HTTPS client for GitHub").with_source(e))
}

fn proxies(net: &NetEnv) -> Result<Vec<reqwest::Proxy>, Error> {
    let no = net
        .no_proxy
        .as_deref()
        .and_then(reqwest::NoProxy::from_string);
    let mut out = Vec::new();
    let mut add =
        |var: &str, url: &Option<String>, make: fn(&str) -> reqwest::Result<reqwest::Proxy>| {
            let Some(url) = url.as_deref() else {
                return Ok(());
            };
            let proxy = make(url).map_err(|_| {
                // The URL may hold a password: name the variable, not its value.
                Error::usage(format!("{var} is not a proxy URL evident can use")).with_hint(format!(
                "set {var} to http://HOST:PORT (or http://USER:PASSWORD@HOST:PORT), or unset it"
            ))
            })?;
            out.push(proxy.no_proxy(no.clone()));
            Ok::<(), Error>(())
        };
    // The first proxy that matches a request is used: the scheme's own before ALL_PROXY.
    add("HTTPS_PROXY", &net.https_proxy, |u| {
        reqwest::Proxy::https(u)
    })?;
    add("HTTP_PROXY", &net.http_proxy, |u| reqwest::Proxy::http(u))?;
    add("ALL_PROXY", &net.all_proxy, |u| reqwest::Proxy::all(u))?;
    Ok(out)
}

/// rustls (with ring) trusting `SSL_CERT_FILE` / `SSL_CERT_DIR` when set, else the
/// system's roots.
fn tls_config(net: &NetEnv) -> Result<rustls::ClientConfig, Error> {
    let mut roots = rustls::RootCertStore::empty();
    let given = net.ssl_cert_file.is_some() || net.ssl_cert_dir.is_some();
    if let Some(file) = &net.ssl_cert_file {
        for cert in read_pem_file(file, "SSL_CERT_FILE")? {
            // A certificate rustls cannot use is skipped, as OpenSSL skips it.
            let _ = roots.add(cert);
        }
    }
    if let Some(dir) = &net.ssl_cert_dir {
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Error::usage(format!("SSL_CERT_DIR {} cannot be read", dir.display()))
                .with_source(e)
                .with_hint("point SSL_CERT_DIR at a folder of PEM certificates, or unset it")
        })?;
        for path in entries.flatten().map(|e| e.path()).filter(|p| p.is_file()) {
            for cert in CertificateDer::pem_file_iter(&path)
                .into_iter()
                .flatten()
                .flatten()
            {
                let _ = roots.add(cert);
            }
        }
    }
    if !given {
        let found = rustls_native_certs::load_native_certs();
        for e in &found.errors {
            tracing::debug!("system certificates: {e}");
        }
        roots.add_parsable_certificates(found.certs);
    }
    if roots.is_empty() {
        let e = if given {
            Error::usage("SSL_CERT_FILE / SSL_CERT_DIR hold no certificate evident can use")
                .with_hint("point SSL_CERT_FILE at a PEM file with BEGIN CERTIFICATE blocks")
        } else {
            Error::failed("no CA certificates were found on this system to check GitHub's certificate")
                .with_hint("install them (e.g. the ca-certificates package), or point SSL_CERT_FILE at a PEM bundle")
        };
        return Err(e);
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::failed("could not set up TLS for GitHub").with_source(e))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(config)
}

fn read_pem_file(file: &Path, var: &str) -> Result<Vec<CertificateDer<'static>>, Error> {
    let bad = || {
        Error::usage(format!(
            "{var} {} holds no PEM certificate evident can read",
            file.display()
        ))
        .with_hint(format!(
            "point {var} at a PEM file with one or more BEGIN CERTIFICATE blocks, or unset it"
        ))
    };
    let iter = CertificateDer::pem_file_iter(file).map_err(|e| bad().with_source(e))?;
    let certs: Vec<_> = iter
        .collect::<Result<_, _>>()
        .map_err(|e| bad().with_source(e))?;
    if certs.is_empty() {
        return Err(bad());
    }
    Ok(certs)
}

/// Whether a failed request failed because the server's certificate is not trusted (then
/// retrying cannot help), with rustls' words for why.
pub fn certificate_problem(e: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        let inner = err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .map(|i| i as &(dyn std::error::Error + 'static));
        for candidate in [Some(err), inner].into_iter().flatten() {
            if let Some(rustls::Error::InvalidCertificate(why)) =
                candidate.downcast_ref::<rustls::Error>()
            {
                return Some(format!("{why:?}"));
            }
        }
        cur = err.source();
    }
    // The error may come through a layer that hides its type: rustls' words then.
    let text = chain(e);
    let at = text.find("invalid peer certificate")?;
    Some(
        text[at..]
            .trim_start_matches("invalid peer certificate")
            .trim_start_matches(':')
            .trim()
            .to_string(),
    )
}

/// An error and its causes on one line: "client error (Connect)" alone says nothing.
pub fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        let text = err.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        cur = err.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_proxy_url_names_the_variable_not_the_value() {
        let net = NetEnv {
            https_proxy: Some("http://user:s3cret@[::1".into()),
            ..NetEnv::default()
        };
        let e = http_client(&net, Arc::default()).unwrap_err();
        let report = e.report();
        assert!(report.contains("HTTPS_PROXY"), "{report}");
        assert!(!report.contains("s3cret"), "{report}");
    }

    #[test]
    fn an_untrusted_certificate_is_told_from_other_failures() {
        let bad = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        let io = std::io::Error::new(std::io::ErrorKind::InvalidData, bad);
        assert_eq!(certificate_problem(&io).as_deref(), Some("UnknownIssuer"));
        let refused = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        assert_eq!(certificate_problem(&refused), None);
    }

    #[test]
    fn an_unreadable_certificate_file_is_a_usage_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("corp-ca.pem");
        std::fs::write(&file, "not a certificate").unwrap();
        let net = NetEnv {
            ssl_cert_file: Some(file.clone()),
            ..NetEnv::default()
        };
        let e = http_client(&net, Arc::default()).unwrap_err();
        assert!(e.report().contains("corp-ca.pem"), "{}", e.report());
        assert!(e.report().contains("SSL_CERT_FILE"), "{}", e.report());
    }
}
