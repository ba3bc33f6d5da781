using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PhonePlatform.Data;

public static class DbErrors
{
    /// <summary>True when a save failed on a unique index (PostgreSQL SQLSTATE 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
