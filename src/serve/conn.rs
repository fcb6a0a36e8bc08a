//! The connection layer of `serve`, over `std::net`: a fixed pool of workers behind a
//! bounded queue, a request head of at most `HEAD_LIMIT` bytes read within a deadline, a
//! body of at most `BODY_LIMIT`, one request per connection.
//!
//! Written here rather than on `tiny_http`, which read header lines without a bound (a
//! 1 GiB header exhausted memory) and kept a thread per open connection (640 held
//! connections under a process limit failed to spawn one and killed the server). Nothing
//! here spawns a thread after start, and nothing grows with what a client sends.

use super::messages as say;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::mpsc::{sync_channel, Receiver, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The request line and every header together, blank line included.
pub const HEAD_LIMIT: usize = 16 * 1024;
/// A request's body: the desk's form or a dropped file.
pub const BODY_LIMIT: usize = 32 << 20;
/// Threads answering requests.
pub const WORKERS: usize = 16;
/// Connections waiting for a worker; one more is answered 503 at once.
const QUEUE: usize = 64;
/// How long a client may take to send its head, and its body.
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
const BODY_DEADLINE: Duration = Duration::from_secs(60);
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Request {
    pub method: String,
    /// The request target as sent: path and query.
    pub target: String,
    headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The value of a header (names compared without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The path and the query (without `?`, empty when there is none).
    pub fn path_and_query(&self) -> (&str, &str) {
        self.target
            .split_once('?')
            .unwrap_or((self.target.as_str(), ""))
    }
}

pub struct Response {
    pub status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_owned())],
            body,
        }
    }

    pub fn text(status: u16, body: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }

    pub fn with_header(mut self, name: &'static str, value: &str) -> Response {
        self.headers.push((name, value.to_owned()));
        self
    }

    /// The busy answer: every worker is taken, try again in a second.
    pub fn busy() -> Response {
        Response::text(503, say::BUSY).with_header("Retry-After", "1")
    }

    fn write_to(&self, out: &mut impl Write, with_body: bool) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            // A value is ours, but never let one end the head early.
            let value: String = value.chars().filter(|c| !c.is_control()).collect();
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        out.write_all(head.as_bytes())?;
        if with_body {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Accepts connections for ever, answering each with `handler` on one of `WORKERS`
/// threads. Fails only if the threads cannot be started.
pub fn run<H>(listener: TcpListener, handler: H) -> std::io::Result<()>
where
    H: Fn(&Request) -> Response + Send + Sync + 'static,
{
    let handler = Arc::new(handler);
    let (queue, waiting) = sync_channel::<TcpStream>(QUEUE);
    let waiting = Arc::new(Mutex::new(waiting));
    for n in 0..WORKERS {
        let waiting = Arc::clone(&waiting);
        let handler = Arc::clone(&handler);
        std::thread::Builder::new()
            .name(format!("serve-{n}"))
            .spawn(move || work(&waiting, &*handler))?;
    }
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                if let Err(TrySendError::Full(stream)) = queue.try_send(stream) {
                    refuse_busy(stream);
                }
            }
            // Out of file descriptors, say: wait instead of spinning on the error.
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    Ok(())
}

fn work(waiting: &Mutex<Receiver<TcpStream>>, handler: &dyn Fn(&Request) -> Response) {
    loop {
        let next = waiting.lock().unwrap_or_else(|p| p.into_inner()).recv();
        match next {
            Ok(stream) => answer(stream, handler),
            Err(_) => return,
        }
    }
}

/// Answers 503 from the accepting thread without waiting for the client: what it has
/// already sent is read (so closing does not reset the connection before it reads the
/// answer), nothing more.
fn refuse_busy(mut stream: TcpStream) {
    let _ = stream.set_nonblocking(true);
    let mut sink = [0u8; 4096];
    for _ in 0..(HEAD_LIMIT / sink.len()) {
        if !matches!(stream.read(&mut sink), Ok(n) if n > 0) {
            break;
        }
    }
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
    let _ = Response::busy().write_to(&mut stream, true);
    let _ = stream.shutdown(Shutdown::Write);
}

fn answer(mut stream: TcpStream, handler: &dyn Fn(&Request) -> Response) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let request = match read_request(&mut stream) {
        Ok(request) => request,
        Err(Refusal::Gone) => return,
        Err(Refusal::Status(status, why)) => {
            let _ = Response::text(status, why).write_to(&mut stream, true);
            linger(stream);
            return;
        }
    };
    let response = handler(&request);
    let _ = response.write_to(&mut stream, request.method != "HEAD");
    let _ = stream.shutdown(Shutdown::Write);
}

/// After refusing a request whose rest is still coming, read (and drop) a little of it
/// before closing, so the client reads the refusal instead of a reset connection.
fn linger(mut stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + Duration::from_secs(2);
    let mut sink = [0u8; 16 * 1024];
    let mut left = 4usize << 20;
    while left > 0 {
        let Some(rest) = deadline.checked_duration_since(Instant::now()) else {
            return;
        };
        let _ = stream.set_read_timeout(Some(rest.max(Duration::from_millis(1))));
        match stream.read(&mut sink) {
            Ok(n) if n > 0 => left = left.saturating_sub(n),
            _ => return,
        }
    }
}

enum Refusal {
    /// The client went away or was too slow: nothing to answer.
    Gone,
    Status(u16, &'static str),
}

fn read_request(stream: &mut TcpStream) -> Result<Request, Refusal> {
    let (head, mut body) = read_head(stream)?;
    let mut request = parse_head(&head)?;
    if request.header("Transfer-Encoding").is_some() {
        return Err(Refusal::Status(411, say::LENGTH_REQUIRED));
    }
    let length = match request.header("Content-Length") {
        None => 0,
        Some(v) => v
            .trim()
            .parse::<usize>()
            .map_err(|_| Refusal::Status(400, say::BAD_LENGTH))?,
    };
    if length > BODY_LIMIT {
        return Err(Refusal::Status(413, say::BODY_TOO_LARGE));
    }
    body.truncate(length);
    read_exactly(stream, &mut body, length, BODY_DEADLINE)?;
    request.body = body;
    Ok(request)
}

/// Reads up to the blank line that ends the head; returns the head and what came after.
fn read_head(stream: &mut TcpStream) -> Result<(Vec<u8>, Vec<u8>), Refusal> {
    let deadline = Instant::now() + HEAD_DEADLINE;
    let mut buf = Vec::with_capacity(2048);
    let mut chunk = [0u8; 4096];
    let mut searched = 0;
    loop {
        if let Some((end, sep)) = head_end(&buf, searched) {
            let rest = buf.split_off(end + sep);
            buf.truncate(end);
            return Ok((buf, rest));
        }
        searched = buf.len().saturating_sub(3);
        if buf.len() >= HEAD_LIMIT {
            return Err(Refusal::Status(431, say::HEAD_TOO_LARGE));
        }
        let room = (HEAD_LIMIT - buf.len()).min(chunk.len());
        read_some(stream, deadline, &mut chunk[..room], &mut buf)?;
    }
}

/// One read into `chunk`, appended to `out`, waiting no later than `deadline`; a client
/// that is too slow, closes or fails is gone.
fn read_some(
    stream: &mut TcpStream,
    deadline: Instant,
    chunk: &mut [u8],
    out: &mut Vec<u8>,
) -> Result<(), Refusal> {
    let rest = deadline
        .checked_duration_since(Instant::now())
        .ok_or(Refusal::Gone)?;
    stream
        .set_read_timeout(Some(rest.max(Duration::from_millis(1))))
        .map_err(|_| Refusal::Gone)?;
    match stream.read(chunk) {
        Ok(0) | Err(_) => Err(Refusal::Gone),
        Ok(n) => {
            out.extend_from_slice(&chunk[..n]);
            Ok(())
        }
    }
}

/// Where the head ends (`\r\n\r\n`, or `\n\n` from a lax client) at or after `from`,
/// and the separator's length.
fn head_end(buf: &[u8], from: usize) -> Option<(usize, usize)> {
    (from..buf.len()).find_map(|i| {
        if buf[i..].starts_with(b"\r\n\r\n") {
            Some((i, 4))
        } else if buf[i..].starts_with(b"\n\n") {
            Some((i, 2))
        } else {
            None
        }
    })
}

fn read_exactly(
    stream: &mut TcpStream,
    body: &mut Vec<u8>,
    length: usize,
    within: Duration,
) -> Result<(), Refusal> {
    let deadline = Instant::now() + within;
    let mut chunk = [0u8; 64 * 1024];
    while body.len() < length {
        let room = (length - body.len()).min(chunk.len());
        read_some(stream, deadline, &mut chunk[..room], body)?;
    }
    Ok(())
}

/// The request line and header lines (RFC 9112), strictly: anything else is a 400.
fn parse_head(head: &[u8]) -> Result<Request, Refusal> {
    let bad = || Refusal::Status(400, say::BAD_REQUEST);
    let text = std::str::from_utf8(head).map_err(|_| bad())?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let mut first = lines.next().ok_or_else(bad)?.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (first.next(), first.next(), first.next(), first.next())
    else {
        return Err(bad());
    };
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    if !token(method)
        || !target.starts_with('/')
        || target.bytes().any(|b| b.is_ascii_control())
        || !version.starts_with("HTTP/1.")
    {
        return Err(bad());
    }
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':').ok_or_else(bad)?;
        if !token(name) || value.chars().any(|c| c.is_control() && c != '\t') {
            return Err(bad());
        }
        headers.push((name.to_owned(), value.trim().to_owned()));
    }
    Ok(Request {
        method: method.to_owned(),
        target: target.to_owned(),
        headers,
        body: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::{head_end, parse_head, Refusal};

    #[test]
    fn heads_parse_strictly() {
        let ok = parse_head(b"GET /a?b=1 HTTP/1.1\r\nHost: 127.0.0.1:1111\r\nX-A:  v ")
            .ok()
            .expect("a good head");
        assert_eq!(ok.method, "GET");
        assert_eq!(ok.path_and_query(), ("/a", "b=1"));
        assert_eq!(ok.header("host"), Some("127.0.0.1:1111"));
        assert_eq!(ok.header("x-a"), Some("v"));
        for bad in [
            &b"GET /a"[..],
            b"GET /a HTTP/1.1 x",
            b"GET http://x/ HTTP/1.1",
            b"GET /a HTTP/2",
            b"G\x01T /a HTTP/1.1",
            b"GET /a HTTP/1.1\r\nno colon",
            b"GET /a HTTP/1.1\r\n folded: x",
            b"GET /a HTTP/1.1\r\nX: a\x1bb",
            b"GET /\xff HTTP/1.1",
        ] {
            assert!(
                matches!(parse_head(bad), Err(Refusal::Status(400, _))),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn the_head_ends_at_the_first_blank_line() {
        assert_eq!(head_end(b"GET / HTTP/1.0\r\n\r\nbody", 0), Some((14, 4)));
        assert_eq!(head_end(b"GET / HTTP/1.0\n\nbody", 0), Some((14, 2)));
        assert_eq!(head_end(b"GET / HTTP/1.0\r\n", 0), None);
    }
}
