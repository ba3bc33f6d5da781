using PhonePlatform.Media.Transport;

namespace PhonePlatform.Media.Tests.Transport;

public sealed class MediaPortAllocatorTests
{
    [Fact]
    public void TryAllocate_WholeRange_HandsOutEachEvenPortOnceThenRefuses()
    {
        var allocator = new MediaPortAllocator(10_001, 10_010);

        var ports = new List<int>();
        while (allocator.TryAllocate(out var port))
        {
            ports.Add(port);
        }

        Assert.Equal([10_002, 10_004, 10_006, 10_008, 10_010], ports);
        Assert.Equal(5, allocator.Capacity);
        Assert.Equal(5, allocator.InUse);
    }

    [Fact]
    public void Release_Port_IsReusedOnlyAfterTheOthers()
    {
        var allocator = new MediaPortAllocator(10_000, 10_005);
        Assert.True(allocator.TryAllocate(out var first));
        allocator.Release(first);

        Assert.True(allocator.TryAllocate(out var second));
        Assert.True(allocator.TryAllocate(out var third));
        Assert.True(allocator.TryAllocate(out var fourth));

        Assert.Equal([10_000, 10_002, 10_004, 10_000], new[] { first, second, third, fourth });
        Assert.False(allocator.TryAllocate(out _));
    }

    [Fact]
    public void TryAllocate_FromManyThreads_NeverHandsOutAPortTwice()
    {
        var allocator = new MediaPortAllocator(20_000, 29_999);
        var taken = new System.Collections.Concurrent.ConcurrentBag<int>();

        Parallel.For(0, 5_000, _ =>
        {
            if (allocator.TryAllocate(out var port))
            {
                taken.Add(port);
            }
        });

        Assert.Equal(5_000, taken.Distinct().Count());
    }

    [Theory]
    [InlineData(80, 1000)]
    [InlineData(10_000, 70_000)]
    [InlineData(10_000, 10_000)]
    public void Constructor_InvalidRange_Throws(int first, int last)
    {
        Assert.ThrowsAny<ArgumentException>(() => new MediaPortAllocator(first, last));
    }
}
