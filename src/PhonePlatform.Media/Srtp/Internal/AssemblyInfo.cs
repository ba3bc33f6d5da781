using System.Runtime.CompilerServices;

// The RFC 3711/7714 vectors are stated in session keys and raw keystream, below the public API.
[assembly: InternalsVisibleTo("PhonePlatform.Media.Tests")]
[assembly: InternalsVisibleTo("PhonePlatform.Benchmarks")]
