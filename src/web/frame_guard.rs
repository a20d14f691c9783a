//! Bounds a websocket's incoming byte stream before the frame parser sees
//! it: reads each frame header as it arrives and ends the stream as soon as
//! a frame, or a fragmented message in total, is announced larger than the
//! limit. actix-http's parser would otherwise buffer a whole announced frame
//! (up to 2^63 bytes) before checking its length. When the limit trips, the
//! response body fails too, which makes actix-http drop the connection
//! (otherwise it would keep reading, and discarding, whatever the client
//! sends for as long as it sends).

use actix_web::HttpResponse;
use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::web::Bytes;
use futures_util::Stream;
use futures_util::task::AtomicWaker;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

/// The longest header: 2 bytes, a 64-bit length, a 4-byte mask.
const MAX_HEADER: usize = 14;
/// RFC 6455: control frames carry at most 125 bytes.
const MAX_CONTROL: u64 = 125;

/// Wraps a request payload so it ends with an error once a frame or a
/// message is announced larger than `limit` bytes; the tripwire says when.
pub fn guard(payload: Payload, limit: u64) -> (Payload, Arc<Tripwire>) {
    let trip = Arc::new(Tripwire::default());
    let stream: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> = Box::pin(FrameGuard {
        inner: payload,
        reader: HeaderReader::new(limit),
        done: false,
        trip: trip.clone(),
    });
    (Payload::from(stream), trip)
}

/// Set when the limit trips; wakes the response body so it fails.
#[derive(Default)]
pub struct Tripwire {
    tripped: AtomicBool,
    waker: AtomicWaker,
}

impl Tripwire {
    fn trip(&self) {
        self.tripped.store(true, Ordering::Release);
        self.waker.wake();
    }
}

/// The websocket's response with a body that fails once the tripwire is
/// set, so that the connection is dropped.
pub fn cut_off_on_trip(response: HttpResponse, trip: Arc<Tripwire>) -> HttpResponse {
    response
        .map_body(|_, inner| CutOff { inner, trip })
        .map_into_boxed_body()
}

struct CutOff {
    inner: BoxBody,
    trip: Arc<Tripwire>,
}

impl MessageBody for CutOff {
    type Error = Box<dyn std::error::Error>;

    fn size(&self) -> BodySize {
        self.inner.size()
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let this = self.get_mut();
        this.trip.waker.register(cx.waker());
        if this.trip.tripped.load(Ordering::Acquire) {
            return Poll::Ready(Some(Err(
                "the client announced a websocket frame over the limit".into(),
            )));
        }
        Pin::new(&mut this.inner).poll_next(cx)
    }
}

struct FrameGuard<S> {
    inner: S,
    reader: HeaderReader,
    done: bool,
    trip: Arc<Tripwire>,
}

impl<S> Stream for FrameGuard<S>
where
    S: Stream<Item = Result<Bytes, PayloadError>> + Unpin,
{
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(bytes))) => match this.reader.feed(&bytes) {
                Ok(()) => Poll::Ready(Some(Ok(bytes))),
                Err(Oversized) => {
                    // The chunk is not passed on: nothing of the refused
                    // frame reaches the parser's buffer.
                    this.done = true;
                    this.trip.trip();
                    Poll::Ready(Some(Err(PayloadError::Overflow)))
                }
            },
            Poll::Ready(Some(Err(e))) => {
                this.done = true;
                Poll::Ready(Some(Err(e)))
            }
            Poll::Ready(None) => {
                this.done = true;
                Poll::Ready(None)
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

/// A frame or message over the limit was announced.
#[derive(Debug, PartialEq, Eq)]
pub struct Oversized;

/// Follows the frame boundaries of a client's byte stream, whatever the
/// chunking: collects each header byte by byte, then skips its payload.
#[derive(Debug)]
pub struct HeaderReader {
    limit: u64,
    header: [u8; MAX_HEADER],
    have: usize,
    /// Payload bytes of the current frame still to come.
    remaining: u64,
    /// Bytes announced so far for the current (perhaps fragmented) message.
    message: u64,
}

impl HeaderReader {
    pub fn new(limit: u64) -> Self {
        HeaderReader {
            limit,
            header: [0; MAX_HEADER],
            have: 0,
            remaining: 0,
            message: 0,
        }
    }

    /// Takes the next bytes of the stream.
    pub fn feed(&mut self, mut bytes: &[u8]) -> Result<(), Oversized> {
        while !bytes.is_empty() {
            if self.remaining > 0 {
                let skip = usize::try_from(self.remaining)
                    .unwrap_or(usize::MAX)
                    .min(bytes.len());
                self.remaining -= skip as u64;
                bytes = &bytes[skip..];
                continue;
            }
            self.header[self.have] = bytes[0];
            self.have += 1;
            bytes = &bytes[1..];
            if self.have == self.header_len() {
                self.frame_announced()?;
            }
        }
        Ok(())
    }

    /// The length of the header being read, as far as its bytes tell.
    fn header_len(&self) -> usize {
        if self.have < 2 {
            return 2;
        }
        let extended = match self.header[1] & 0x7f {
            126 => 2,
            127 => 8,
            _ => 0,
        };
        let mask = if self.header[1] & 0x80 != 0 { 4 } else { 0 };
        2 + extended + mask
    }

    fn frame_announced(&mut self) -> Result<(), Oversized> {
        let len = match self.header[1] & 0x7f {
            126 => u64::from(u16::from_be_bytes([self.header[2], self.header[3]])),
            127 => u64::from_be_bytes(self.header[2..10].try_into().expect("eight bytes")),
            n => u64::from(n),
        };
        let opcode = self.header[0] & 0x0f;
        self.have = 0;
        self.remaining = len;
        if opcode >= 8 {
            // Control frames may come between fragments and are not part of the message.
            return if len > MAX_CONTROL {
                Err(Oversized)
            } else {
                Ok(())
            };
        }
        self.message = if opcode == 0 {
            self.message.saturating_add(len)
        } else {
            len
        };
        if len > self.limit || self.message > self.limit {
            return Err(Oversized);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A masked client frame header announcing `len` bytes.
    fn header(fin: bool, opcode: u8, len: u64) -> Vec<u8> {
        let mut h = vec![(if fin { 0x80 } else { 0 }) | opcode];
        if len < 126 {
            h.push(0x80 | len as u8);
        } else if len <= u64::from(u16::MAX) {
            h.push(0x80 | 126);
            h.extend_from_slice(&(len as u16).to_be_bytes());
        } else {
            h.push(0x80 | 127);
            h.extend_from_slice(&len.to_be_bytes());
        }
        h.extend_from_slice(&[1, 2, 3, 4]);
        h
    }

    fn frame(fin: bool, opcode: u8, len: usize) -> Vec<u8> {
        let mut f = header(fin, opcode, len as u64);
        f.extend(std::iter::repeat_n(b'x', len));
        f
    }

    /// Feeds `bytes` in chunks of `size`, returning the first refusal.
    fn feed_in_chunks(bytes: &[u8], size: usize) -> Result<(), Oversized> {
        let mut reader = HeaderReader::new(16 * 1024);
        bytes.chunks(size).try_for_each(|c| reader.feed(c))
    }

    #[test]
    fn frames_within_the_limit_pass_however_they_are_chunked() {
        let mut stream = frame(true, 1, 10);
        stream.extend(frame(true, 1, 300));
        stream.extend(frame(true, 9, 0));
        stream.extend(frame(true, 1, 16 * 1024));
        for size in [1, 2, 3, 7, 13, 64, 1000, stream.len()] {
            assert_eq!(feed_in_chunks(&stream, size), Ok(()), "chunks of {size}");
        }
    }

    #[test]
    fn a_huge_announced_frame_is_refused_as_its_header_arrives_even_split() {
        let stream = header(true, 1, (1 << 63) - 1);
        for size in [1, 2, 5, stream.len()] {
            assert_eq!(
                feed_in_chunks(&stream, size),
                Err(Oversized),
                "chunks of {size}"
            );
        }
        let mut reader = HeaderReader::new(16 * 1024);
        // Everything but the last header byte: not known yet, so not refused.
        assert_eq!(reader.feed(&stream[..stream.len() - 1]), Ok(()));
        assert_eq!(reader.feed(&stream[stream.len() - 1..]), Err(Oversized));
    }

    #[test]
    fn a_16_bit_length_just_over_the_limit_is_refused() {
        assert_eq!(
            feed_in_chunks(&header(true, 2, 16 * 1024 + 1), 1),
            Err(Oversized)
        );
    }

    #[test]
    fn fragments_are_limited_in_total_with_control_frames_between_them() {
        let mut stream = frame(false, 1, 8 * 1024);
        stream.extend(frame(true, 9, 4));
        stream.extend(frame(false, 0, 8 * 1024));
        assert_eq!(
            feed_in_chunks(&stream, 3),
            Ok(()),
            "exactly the limit so far"
        );
        stream.extend(header(true, 0, 1));
        assert_eq!(feed_in_chunks(&stream, 3), Err(Oversized));
    }

    #[test]
    fn a_new_message_starts_a_new_total() {
        let mut stream = frame(false, 1, 10 * 1024);
        stream.extend(frame(true, 0, 6 * 1024));
        stream.extend(frame(true, 1, 10 * 1024));
        assert_eq!(feed_in_chunks(&stream, 4096), Ok(()));
    }

    #[test]
    fn an_oversized_control_frame_is_refused() {
        assert_eq!(feed_in_chunks(&header(true, 9, 126), 1), Err(Oversized));
    }
}
