pub mod date;
pub mod published;
pub mod speaker;
