using PhonePlatform.Core.Workspaces;
using PhonePlatform.Data;

namespace PhonePlatform.Api.IntegrationTests.Support;

internal static class Workspaces
{
    /// <summary>Creates a workspace row (contacts reference it) and returns its id.</summary>
    public static async Task<Guid> CreateAsync(DataStack stack)
    {
        var workspace = new Workspace { Name = "Test " + Guid.NewGuid().ToString("N")[..6], CreatedAt = DateTimeOffset.UtcNow };
        var (scope, db) = stack.Open(workspace.Id);
        await using (scope)
        {
            db.Workspaces.Add(workspace);
            await db.SaveChangesAsync();
        }

        return workspace.Id;
    }
}
