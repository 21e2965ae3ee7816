//! Fetching sources over HTTP(S), politely and within bounds:
//! - `robots.txt` obeyed (the rules for `Folio`, else for `*`), its `Crawl-delay` included;
//! - one request at a time, with `--delay` between two requests to the same host;
//! - retries with backoff (twice, 0.25 s then 0.5 s, more with `--delay`) after a timeout, a
//!   failed connection, 429 or a 5xx status;
//! - `--timeout` for a whole request, at most 5 redirects, at most [`MAX_BYTES`] a response;
//! - a `User-Agent` naming Folio;
//! - nothing fetched outside the hosts of the addresses given (and `--allow-host`), unless
//!   `--any-host`.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::time::{Duration, Instant};

use texting_robots::Robot;

/// The most a response may hold: larger pages and feeds are refused, not cut.
pub const MAX_BYTES: u64 = 10 << 20;
/// Redirects followed before a request is given up as a loop.
const MAX_REDIRECTS: u32 = 5;
/// Attempts after the first one.
const RETRIES: u32 = 2;
/// The name robots.txt rules are read for.
const ROBOT: &str = "Folio";

/// How to fetch: from the command line.
#[derive(Clone, Debug)]
pub struct Options {
    pub timeout: Duration,
    pub delay: Duration,
    /// Hosts that may be fetched from; `None` for any.
    pub hosts: Option<HashSet<String>>,
}

/// A response's body and its declared charset.
pub struct Fetched {
    pub bytes: Vec<u8>,
    pub charset: Option<String>,
    /// When a file was last modified (`--undated file-time`); `None` for an address.
    pub modified: Option<std::time::SystemTime>,
}

pub struct Fetcher {
    agent: ureq::Agent,
    options: Options,
    /// Per origin (`scheme://host:port`): its robots.txt rules, `None` when it has none.
    robots: HashMap<String, Option<Robot>>,
    /// When each host was last asked for something.
    last: HashMap<String, Instant>,
}

impl Fetcher {
    pub fn new(options: Options) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(options.timeout))
            .max_redirects(MAX_REDIRECTS)
            .user_agent(format!(
                "Folio-import/{} (folio import, the Folio news archive importer)",
                env!("CARGO_PKG_VERSION")
            ))
            // Statuses are answers to read, not errors: 429 and 5xx are retried.
            .http_status_as_error(false)
            .build();
        Fetcher {
            agent: config.into(),
            options,
            robots: HashMap::new(),
            last: HashMap::new(),
        }
    }

    /// Fetches `address` if the rules allow it; the reason it was not fetched otherwise.
    pub fn get(&mut self, address: &str) -> Result<Fetched, String> {
        let url = url::Url::parse(address).map_err(|e| format!("not an address: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("not an http(s) address: {address}"));
        }
        let host = url.host_str().unwrap_or_default().to_owned();
        if let Some(hosts) = &self.options.hosts {
            if !hosts.contains(&host) {
                return Err(format!(
                    "{host} is not one of the hosts given (--allow-host {host}, or --any-host)"
                ));
            }
        }
        let origin = url.origin().ascii_serialization();
        if !self.robots.contains_key(&origin) {
            let rules = self.robots_of(&origin, &host);
            self.robots.insert(origin.clone(), rules);
        }
        let mut delay = self.options.delay;
        if let Some(Some(robot)) = self.robots.get(&origin) {
            if !robot.allowed(address) {
                return Err(format!("{origin}/robots.txt disallows it for {ROBOT}"));
            }
            if let Some(seconds) = robot.delay.filter(|s| s.is_finite() && *s > 0.0) {
                delay = delay.max(Duration::from_secs_f32(seconds.min(60.0)));
            }
        }
        self.fetch(address, &host, delay)
    }

    /// The rules of an origin's robots.txt; none when it has none (404) or cannot be read.
    fn robots_of(&mut self, origin: &str, host: &str) -> Option<Robot> {
        let address = format!("{origin}/robots.txt");
        let fetched = self.fetch(&address, host, self.options.delay).ok()?;
        Robot::new(ROBOT, &fetched.bytes).ok()
    }

    /// One request, waiting for the host's turn, with retries.
    fn fetch(&mut self, address: &str, host: &str, delay: Duration) -> Result<Fetched, String> {
        let mut attempt = 0;
        loop {
            if let Some(last) = self.last.get(host) {
                let next = *last + delay;
                let now = Instant::now();
                if next > now {
                    std::thread::sleep(next - now);
                }
            }
            self.last.insert(host.to_owned(), Instant::now());
            let outcome = self.once(address);
            match outcome {
                Err(Attempt::Again(_)) if attempt < RETRIES => {
                    attempt += 1;
                    let backoff = Duration::from_millis(250 << (attempt - 1)).max(delay * attempt);
                    std::thread::sleep(backoff);
                }
                Err(Attempt::Again(why) | Attempt::Never(why)) => {
                    let tries = if attempt > 0 {
                        format!(" (after {} attempts)", attempt + 1)
                    } else {
                        String::new()
                    };
                    return Err(format!("{why}{tries}"));
                }
                Ok(fetched) => return Ok(fetched),
            }
        }
    }

    fn once(&self, address: &str) -> Result<Fetched, Attempt> {
        let response = self
            .agent
            .get(address)
            .call()
            .map_err(|error| match error {
                ureq::Error::Timeout(_) => Attempt::Again(format!(
                    "no answer within {} s",
                    self.options.timeout.as_secs_f32()
                )),
                ureq::Error::ConnectionFailed | ureq::Error::Io(_) => {
                    Attempt::Again(format!("the connection failed: {error}"))
                }
                ureq::Error::TooManyRedirects => Attempt::Never(format!(
                    "more than {MAX_REDIRECTS} redirects (a redirect loop?)"
                )),
                ureq::Error::HostNotFound => Attempt::Never("the host was not found".into()),
                other => Attempt::Never(other.to_string()),
            })?;
        let status = response.status().as_u16();
        match status {
            200..=299 => {}
            429 | 500..=599 => return Err(Attempt::Again(format!("HTTP {status}"))),
            _ => return Err(Attempt::Never(format!("HTTP {status}"))),
        }
        let charset = response.body().charset().map(str::to_owned);
        let mut bytes = Vec::new();
        // One byte more than the limit tells a page at the limit from a larger one.
        response
            .into_body()
            .into_reader()
            .take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Attempt::Again(format!("the body could not be read: {e}")))?;
        if bytes.len() as u64 > MAX_BYTES {
            return Err(Attempt::Never(format!(
                "larger than {} MB: refused",
                MAX_BYTES >> 20
            )));
        }
        Ok(Fetched {
            bytes,
            charset,
            modified: None,
        })
    }
}

/// A failed attempt: worth trying again, or not.
enum Attempt {
    Again(String),
    Never(String),
}

/// Whether a source is an address to fetch rather than a file.
pub fn is_address(source: &str) -> bool {
    source.starts_with("http://") || source.starts_with("https://")
}

/// The host of an address.
pub fn host_of(address: &str) -> Option<String> {
    url::Url::parse(address)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
}
