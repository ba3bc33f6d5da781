using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.IntegrationTests.Support;

namespace PhonePlatform.Api.IntegrationTests.Encryption;

public sealed class ModelMigrationTests
{
    [Fact]
    public async Task Model_WithEncryptedRecords_HasNoPendingChangesWithoutMigration()
    {
        await using var stack = await DataStack.CreateAsync();
        var (scope, db) = stack.Open(Guid.NewGuid());
        await using (scope)
        {
            Assert.False(db.Database.HasPendingModelChanges());
        }
    }
}
